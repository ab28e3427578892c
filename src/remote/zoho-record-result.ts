import { RecordRejectedError, type RejectionReason } from "../common/record-rejected.error";
import { NotFoundError } from "../errors/app-error";
import type { FieldDefinition } from "../fields/field-definition.entity";

/** One record's result in a write's `data` array (or an error body): {code, details, message, status}. */
export interface ZohoRecordResult {
  code: string;
  details?: { id?: string; api_name?: string; json_path?: string; [key: string]: unknown };
  message?: string;
  status: "success" | "error";
}

/** The vendor's per-record codes that mean "this record as given will never be accepted", as our reasons. */
const REJECTIONS: Record<string, RejectionReason> = {
  MANDATORY_NOT_FOUND: "MANDATORY_NOT_FOUND",
  INVALID_DATA: "INVALID_DATA",
  PATTERN_NOT_MATCHED: "INVALID_DATA",
  DATA_MISMATCH: "INVALID_DATA",
  DUPLICATE_DATA: "DUPLICATE_DATA",
};

/** Thrown when the vendor answers in a way no caller can fix (an unknown module, a refused method…). */
export class VendorError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A failed record's result as our error: a rejection naming our field (which the sync engine records as the
 * failure reason), NotFoundError for an id the vendor does not know, anything else a VendorError (transient to
 * the sync engine, retried with backoff).
 */
export function recordError(
  result: ZohoRecordResult,
  system: string,
  module: string,
  defs: FieldDefinition[],
  wireNameOf: (def: FieldDefinition) => string,
): Error {
  const apiName = result.details?.api_name;
  const reason = REJECTIONS[result.code];
  if (result.code === "INVALID_DATA" && !apiName && result.details?.id) return new NotFoundError(`${system} ${module} record`, String(result.details.id));
  if (reason) {
    const def = defs.find((d) => wireNameOf(d) === apiName || d.apiName === apiName);
    const fieldName = def?.fieldName ?? apiName ?? "input";
    const said = result.message ?? result.code;
    return new RecordRejectedError(reason, fieldName, def?.apiName ?? apiName ?? "", said.includes(fieldName) ? said : `${fieldName}: ${said}`);
  }
  return new VendorError(result.code, `${system} ${module}: ${result.code} ${result.message ?? ""}`.trim());
}
