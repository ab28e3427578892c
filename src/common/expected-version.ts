import type { RecordBase } from "./record-base";
import { ConflictError } from "../errors/app-error";

/**
 * Optimistic concurrency: the caller sends the version it read; a record changed since is refused with CONFLICT,
 * so an edit made on stale data never silently overwrites someone else's. The one check every write with a
 * version uses (CRM Deals and Sales Orders, FSM edits).
 */
export function checkExpectedVersion(record: RecordBase, expectedVersion: number, label: string): void {
  if (record.version === expectedVersion) return;
  throw new ConflictError(
    `expectedVersion: ${label} "${record.id}" is at version ${record.version}, not ${expectedVersion}: someone changed it since you read it; read it again`,
    "expectedVersion",
    { expectedVersion, currentVersion: record.version },
  );
}
