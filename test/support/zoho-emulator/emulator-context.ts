import type { EventEmitter } from "node:events";
import type { RecordBase } from "../../../src/common/record-base";
import type { RecordStore } from "../../../src/common/record-store";
import type { SystemName } from "../../../src/fields/field-definition.entity";
import type { FieldSource } from "../../../src/remote/zoho-record-codec";

/** One request the emulator answered, for tests that count calls. */
export interface LoggedRequest {
  system: "CRM" | "FSM" | "OTHER";
  method: string;
  /** Below the API root, e.g. "/Accounts/search". */
  path: string;
  query: Record<string, unknown>;
}

/** A change the vendor made to its records, for change-event routers (notifications, webhooks). */
export interface RecordChange {
  system: SystemName;
  /** The vendor's module API name, e.g. "Accounts". */
  vendorModule: string;
  operation: "insert" | "update" | "delete";
  ids: string[];
}

/** What the emulator's routers share: the vendors' record stores, their field definitions, the request log, change events. */
export interface EmulatorContext {
  stores: Record<SystemName, RecordStore<Record<string, RecordBase>>>;
  fields: FieldSource;
  requests: LoggedRequest[];
  /** Emits "change" with a RecordChange after every successful write. */
  changes: EventEmitter;
  /** Whether an access token is accepted; the OAuth router replaces the default (any non-empty token). */
  acceptsToken: (token: string) => boolean;
}
