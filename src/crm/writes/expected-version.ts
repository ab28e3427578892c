import type { RecordBase } from "../../common/record-base";
import { ConflictError } from "../../errors/app-error";

/**
 * Optimistic concurrency: the caller sends the version it read; a record changed since is refused with CONFLICT,
 * so an edit made on stale data never silently overwrites someone else's.
 */
export function checkExpectedVersion(record: RecordBase, expectedVersion: number, label: string): void {
  if (record.version === expectedVersion) return;
  throw new ConflictError(
    `${label} "${record.id}" was changed since it was read (version ${expectedVersion}, now ${record.version}); read it again and retry`,
    "expectedVersion",
    { expectedVersion, currentVersion: record.version },
  );
}
