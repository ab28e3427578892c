import { createHash } from "node:crypto";
import { readFieldPath } from "../../common/field-path";
import type { RecordBase } from "../../common/record-base";
import type { LinkShadow, ShadowEntry } from "../../links/sync-link.entity";
import type { Side } from "../sync-pair";
import { keyOf } from "../../common/side";

const valueHash = (value: unknown) =>
  createHash("sha256")
    .update(JSON.stringify(value ?? null))
    .digest("base64url")
    .slice(0, 16);

/**
 * When a side's current value of a field was set. A record's modified time moves with every write, our own
 * sync writes included, so an edit noticed earlier (before such a write) keeps the time it was noticed with.
 */
export function editTimeOf(last: ShadowEntry | undefined, side: Side, value: unknown, record: Pick<RecordBase, "modifiedTime">): number {
  const noticed = last?.unsynced?.[side];
  return noticed && noticed.hash === valueHash(value) ? noticed.time : record.modifiedTime.getTime();
}

/** Remembers when a side's edit was made, when that edit does not cross now (it lost a conflict). */
export function withUnsyncedEdit(last: ShadowEntry, side: Side, value: unknown, time: number): ShadowEntry {
  return { ...last, unsynced: { ...last.unsynced, [side]: { hash: valueHash(value), time } } };
}

/**
 * Before a sync writes to a record, remembers when its other, not yet synced, field edits were made: the
 * write is about to move the record's modified time past them.
 */
export function noteUnsyncedEdits(shadow: LinkShadow, record: RecordBase, side: Side, fields: { key: string; fieldName: string }[]): void {
  for (const { key, fieldName } of fields) {
    const last = shadow[key];
    if (!last) continue;
    const current = readFieldPath(record, fieldName);
    const synced = last[keyOf(side)];
    const hash = valueHash(current);
    if (JSON.stringify(current ?? null) === JSON.stringify(synced ?? null) || last.unsynced?.[side]?.hash === hash) continue;
    shadow[key] = { ...last, unsynced: { ...last.unsynced, [side]: { hash, time: record.modifiedTime.getTime() } } };
  }
}
