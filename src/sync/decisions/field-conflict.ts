import { readFieldPath } from "../../common/field-path";
import type { RecordBase } from "../../common/record-base";
import type { ShadowEntry } from "../../links/sync-link.entity";
import { editTimeOf, withUnsyncedEdit } from "../engine/edit-times";
import { sameValue } from "../engine/value-mapping";
import { otherSide, type Side } from "../sync-pair";
import { bySide, keyOf } from "../../common/side";

/** One side's edit of one field: its value as that side holds it, and when it was made (ms). */
export interface FieldEdit {
  value: unknown;
  time: number;
}

/** What the sync does with one mapped field; `shadow` is the field's new shadow entry when it changes. */
export interface FieldDecision {
  write: boolean;
  targetValue?: unknown;
  shadow?: ShadowEntry;
  conflictWinner?: Side;
}

export interface FieldEditSource {
  side: Side;
  fieldName: string;
  /** The fields a gateway edit set (its outbox entry); null for a whole record (a change feed, a retry, a resync). */
  changedValues: Record<string, unknown> | null;
  /** When the gateway edit was made (ms). */
  changeTime: number;
  record: RecordBase;
  last: ShadowEntry | undefined;
}

export interface FieldConflict {
  side: Side;
  edit: FieldEdit;
  /** The edit's value as the other side holds it. */
  targetValue: unknown;
  /** The other side's record now, and its value of the field. */
  target: Pick<RecordBase, "modifiedTime">;
  current: unknown;
  last: ShadowEntry | undefined;
  /** The other side's latest pending gateway edit of the field, if any. */
  pendingEdit: { value: unknown; time: Date } | null;
}

/** The shadow entry of a value crossing from `side` (or standing level) as of `time`. */
export function shadowEntryOf(side: Side, sourceValue: unknown, targetValue: unknown, time: number): ShadowEntry {
  return bySide(side, { CRM: { crm: sourceValue, fsm: targetValue, time }, FSM: { crm: targetValue, fsm: sourceValue, time } });
}

/** The field's edit in this change, or null when the change did not edit it or a later edit has already crossed. */
export function fieldEditOf(source: FieldEditSource): FieldEdit | null {
  const { side, fieldName, changedValues, record, last } = source;
  if (changedValues && !(fieldName in changedValues)) return null;
  const value = changedValues ? changedValues[fieldName] : readFieldPath(record, fieldName);
  // Looking at the whole record: only fields that changed here since the last sync are edits.
  if (!changedValues && last && sameValue(value, last[keyOf(side)])) return null;
  const time = changedValues ? source.changeTime : editTimeOf(last, side, value, record);
  if (last && last.time > time) return null;
  return { value, time };
}

/**
 * Latest edit wins, per field: an edit crosses unless the other side changed the field too, later. The other
 * side's pending gateway edit that set the value still there dates it exactly; else its unsynced-edit time does.
 */
export function decideFieldConflict(conflict: FieldConflict): FieldDecision {
  const { side, edit, targetValue, current, last } = conflict;
  const other = otherSide(side);
  const shadow = shadowEntryOf(side, edit.value, targetValue, edit.time);
  if (sameValue(current, targetValue)) return { write: false, shadow };
  // A later pending edit wins even when it set again the value that crossed last: its own entry carries it across next.
  const pending = conflict.pendingEdit;
  const pendingTime = pending && sameValue(pending.value, current) ? pending.time.getTime() : null;
  // Losing, this edit still keeps its time: the winner is compared with it when it crosses.
  const lose = (): FieldDecision => ({ write: false, conflictWinner: other, shadow: last && withUnsyncedEdit(last, side, edit.value, edit.time) });
  if (pendingTime !== null && pendingTime > edit.time) return lose();
  // No shadow for this field yet (a link made without one, or a field empty on both sides when linked).
  if (!last) return { write: true, targetValue, shadow };
  if (!sameValue(current, last[keyOf(other)])) {
    if ((pendingTime ?? editTimeOf(last, other, current, conflict.target)) > edit.time) return lose();
    return { write: true, targetValue, shadow, conflictWinner: side };
  }
  return { write: true, targetValue, shadow };
}
