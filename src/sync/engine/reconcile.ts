import { readFieldPath, writeFieldPath } from "../../common/field-path";
import type { RecordBase } from "../../common/record-base";
import { idOn } from "../../common/side";
import { LinkStatus, type LinkShadow, type ShadowEntry, type SyncLink } from "../../links/sync-link.entity";
import type { OutboxEntry } from "../outbox/outbox-entry.entity";
import { latestPendingEdit } from "../outbox/outbox";
import { SyncStatus } from "../history/sync-event.entity";
import type { NewSyncEvent } from "../history/sync-history";
import type { ResolvedMapping } from "../mapping/field-mapping-service";
import { decideFieldConflict, fieldEditOf, type FieldDecision } from "../decisions/field-conflict";
import { otherSide, type Side, type SyncPair } from "../sync-pair";
import { SyncReason } from "../sync-reason";
import type { Counterparts } from "./counterparts";
import { noteUnsyncedEdits } from "./edit-times";
import { SYNC_ACTOR, type SyncContext } from "./sync-context";
import { sameValue } from "./value-mapping";

/**
 * Brings a linked record's counterpart level with a change: mapped fields are reconciled against the link's shadow
 * (so duplicates and echoes change nothing), field by field as field-conflict.ts decides.
 */
export async function reconcile(
  ctx: SyncContext,
  counterparts: Counterparts,
  pair: SyncPair,
  side: Side,
  link: SyncLink,
  record: RecordBase,
  entry: OutboxEntry,
): Promise<NewSyncEvent> {
  const other = otherSide(side);
  const otherModule = ctx.module(pair, other);
  const targetId = idOn(other, link);
  // Locked until this sync commits: an edit made outside the gateway meanwhile waits, then is announced and synced
  // with its own (later) time, instead of being overwritten by a decision taken on the value before it.
  const target = await ctx.read(other, otherModule, targetId, { forUpdate: true });
  if (!target && entry.origin === "SETTINGS") {
    // Deleted while its deletion could not cross: a resync does not bring it back (an edit of this record would).
    return { ...ctx.event(pair, side, entry.operation, link.crmId, link.fsmId), status: SyncStatus.SKIPPED, reason: SyncReason.COUNTERPART_MISSING };
  }
  if (!target) {
    // The counterpart is gone (deleted while the link was suspended, or outside the gateway): pair afresh.
    await ctx.deps.links.deleteSyncLink(ctx.m, link.id);
    return counterparts.create(pair, side, record, entry.operation);
  }
  const { mappings, skippedPersonalFields } = await ctx.flowing(pair, side);
  const shadow: LinkShadow = { ...(link.shadow ?? {}) };
  // After a failure, the next change retries the whole record, not just the fields it touched.
  const values = link.lastSyncStatus === "FAILED" ? null : entry.values;
  const patch: Record<string, unknown> = {};
  const conflicts: { field: string; winner: string }[] = [];
  // The other side's pending gateway edits date its values exactly: read once, and only if a field needs them.
  let pending: Promise<OutboxEntry[]> | undefined;
  const pendingOfTarget = () => (pending ??= ctx.deps.outbox.pendingOf(ctx.m, other, otherModule, targetId));
  for (const rm of mappings) {
    const change = { rm, side, record, target, last: shadow[rm.crm.apiName], values, entry, pendingOfTarget };
    const decision = await reconcileField(ctx, counterparts, change);
    if (decision.conflictWinner) conflicts.push({ field: rm.crm.apiName, winner: decision.conflictWinner });
    if (decision.write) writeFieldPath(patch, ctx.def(rm, other).fieldName, decision.targetValue);
    if (decision.shadow) shadow[rm.crm.apiName] = decision.shadow;
  }
  const changed = Object.keys(patch).length > 0;
  if (changed) {
    const all = await ctx.deps.mappings.resolved(pair);
    noteUnsyncedEdits(
      shadow,
      target,
      other,
      all.map((rm) => ({ key: rm.crm.apiName, fieldName: ctx.def(rm, other).fieldName })),
    );
    await ctx.store(other).update(otherModule, targetId, patch, SYNC_ACTOR, ctx.m, target);
  }
  await ctx.deps.links.saveSyncLink(ctx.m, {
    ...link,
    shadow,
    status: LinkStatus.ACTIVE,
    lastSyncTime: new Date(),
    lastSyncStatus: "SYNCED",
    lastSyncError: null,
  });
  return {
    ...ctx.event(pair, side, entry.operation, link.crmId, link.fsmId),
    status: changed ? SyncStatus.SYNCED : SyncStatus.SKIPPED,
    reason: changed ? (link.status === LinkStatus.SUSPENDED ? SyncReason.LINK_RESUMED : null) : SyncReason.NO_CHANGES,
    skippedPersonalFields,
    conflicts: conflicts.length ? conflicts : null,
  };
}

interface FieldChange {
  rm: ResolvedMapping;
  side: Side;
  record: RecordBase;
  target: RecordBase;
  last: ShadowEntry | undefined;
  values: Record<string, unknown> | null;
  entry: OutboxEntry;
  pendingOfTarget: () => Promise<OutboxEntry[]>;
}

/** One mapped field of a change: the decision is field-conflict.ts's; this reads what it decides by. */
async function reconcileField(ctx: SyncContext, counterparts: Counterparts, change: FieldChange): Promise<FieldDecision> {
  const { rm, side, record, target, last, values, entry } = change;
  const targetField = ctx.def(rm, otherSide(side)).fieldName;
  const changeTime = entry.createdTime.getTime();
  const edit = fieldEditOf({ side, fieldName: ctx.def(rm, side).fieldName, changedValues: values, changeTime, record, last });
  if (!edit) return { write: false };
  const current = readFieldPath(target, targetField);
  const targetValue = await counterparts.translate(rm, side, edit.value, current);
  // The other side's pending edits matter only where the values differ: read them only then.
  const pendingEdit = sameValue(current, targetValue) ? null : latestPendingEdit(await change.pendingOfTarget(), targetField);
  return decideFieldConflict({ side, edit, targetValue, target, current, last, pendingEdit });
}
