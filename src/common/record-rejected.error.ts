import { AppError } from "../errors/app-error";
import { ErrorCode } from "../errors/error-code";

/** Why a system refuses a record; the codes are the vendors' API codes, reused as sync failure reasons. */
export type RejectionReason = "MANDATORY_NOT_FOUND" | "INVALID_DATA" | "DUPLICATE_DATA";

/** A system (CRM or FSM) refused a write, as its API would: the field and the rule are named. */
export class RecordRejectedError extends AppError {
  constructor(
    readonly reason: RejectionReason,
    readonly fieldName: string,
    readonly apiName: string,
    message: string,
  ) {
    super(reason === "DUPLICATE_DATA" ? ErrorCode.Conflict : ErrorCode.BadUserInput, message, fieldName, { reason, apiName });
  }
}
