import type { EntityManager } from "typeorm";
import type { AnyRecord } from "../../common/any-record-store";
import type { RecordBase } from "../../common/record-base";
import { idsOn } from "../../common/side";
import { LinkStatus, type LinkShadow } from "../../links/sync-link.entity";
import type { OutboxEntry } from "../outbox/outbox-entry.entity";
import { SyncStatus } from "../history/sync-event.entity";
import type { NewSyncEvent } from "../history/sync-history";
import { crossingBlockedBecause } from "../decisions/sync-direction";
import { decideDeletion, deletionPreferenceOf } from "../decisions/deletion-preference";
import { pairOf, syncedPairOf, type Side, type SyncPair } from "../sync-pair";
import { SyncReason } from "../sync-reason";
import { Counterparts } from "./counterparts";
import { noteUnsyncedEdits } from "./edit-times";
import { mergeDuplicates } from "./merge-duplicates";
import { propagateDelete } from "./propagate-delete";
import { reconcile } from "./reconcile";
import { SyncContext } from "./sync-context";
import type { SyncDeps } from "./sync-deps";

/**
 * Syncs one change of one record inside one transaction: creates the counterpart (counterparts.ts), reconciles
 * mapped fields against the link's shadow (reconcile.ts), or propagates a deletion (propagate-delete.ts).
 * Records whose counterparts it had to create on the way (a Contact's Account) add their own events.
 */
export class RecordSync {
  private readonly ctx: SyncContext;
  private readonly counterparts: Counterparts;

  constructor(deps: SyncDeps, m: EntityManager) {
    this.ctx = new SyncContext(deps, m);
    this.counterparts = new Counterparts(this.ctx);
  }

  /** The events of the records synced on the way. */
  get events(): NewSyncEvent[] {
    return this.ctx.events;
  }

  async apply(entry: OutboxEntry): Promise<NewSyncEvent> {
    const { ctx } = this;
    const side = entry.side;
    const pair = syncedPairOf(side, entry.module);
    const ids = idsOn(side, entry.recordId);
    const base = ctx.event(pair, side, entry.operation, ids.crmId, ids.fsmId);
    const { settings } = await ctx.rules(pair);
    const blocked = crossingBlockedBecause(settings, side);
    if (blocked) return { ...base, status: SyncStatus.SKIPPED, reason: blocked };
    const link = await ctx.deps.links.lockSyncLink(ctx.m, side, entry.module, entry.recordId);
    const record = await ctx.read(side, entry.module, entry.recordId);
    if (entry.operation === "DELETE") {
      const decision = decideDeletion(record !== null, link?.status ?? null, deletionPreferenceOf(settings, side));
      return propagateDelete(ctx, base, side, link, decision);
    }
    if (!record) return { ...base, status: SyncStatus.SKIPPED, reason: SyncReason.RECORD_DELETED };
    // A resync after a settings change only brings linked pairs level: it neither links nor resumes.
    if (entry.origin === "SETTINGS" && link?.status !== LinkStatus.ACTIVE)
      return { ...base, status: SyncStatus.SKIPPED, reason: link ? SyncReason.LINK_SUSPENDED : SyncReason.NOT_LINKED };
    if (side === "CRM" && !(await ctx.inView(settings.crmViewId, record))) return { ...base, status: SyncStatus.SKIPPED, reason: SyncReason.NOT_IN_VIEW };
    if (!link && entry.origin !== "MANUAL" && (await ctx.deps.history.syncLinkRemoved(ctx.m, side, entry.recordId)))
      return { ...base, status: SyncStatus.SKIPPED, reason: SyncReason.LINK_REMOVED };
    if (!link) return this.createCounterpart(pair, side, record, entry.operation);
    return reconcile(ctx, this.counterparts, pair, side, link, record, entry);
  }

  /** Creates the record's counterpart on the other side and links the two. */
  createCounterpart(pair: SyncPair, side: Side, record: RecordBase, operation: string): Promise<NewSyncEvent> {
    return this.counterparts.create(pair, side, record, operation);
  }

  /**
   * The other side's id of a record (a Contact's Account, a Deal's Contact), syncing that record first if
   * need be; null when its pair does not sync that way. Also used when FSM records are created from CRM records.
   */
  ensureCounterpart(side: Side, module: string, id: string): Promise<string | null> {
    return this.counterparts.ensure(side, module, id);
  }

  /** Links a CRM record with its FSM duplicate and merges them (initial sync, Overwrite; see merge-duplicates.ts). */
  mergeDuplicates(pair: SyncPair, crm: RecordBase, fsm: RecordBase): Promise<NewSyncEvent> {
    return mergeDuplicates(this.ctx, this.counterparts, pair, crm, fsm);
  }

  /** Whether a CRM record may sync from the CRM under the pair's view. */
  async isInPairView(pair: SyncPair, record: RecordBase): Promise<boolean> {
    return this.ctx.inView((await this.ctx.rules(pair)).settings.crmViewId, record);
  }

  /**
   * Before a gateway edit of a linked record, remembers when its other unsynced edits were made: the edit is
   * about to move the record's modified time past them. Returns the record if it read it (locked, for the write).
   */
  async noteEditsBeforeWrite(side: Side, module: string, id: string): Promise<AnyRecord | null> {
    const { ctx } = this;
    const pair = pairOf(side, module);
    const link = pair ? await ctx.deps.links.lockSyncLink(ctx.m, side, module, id) : null;
    const record = link ? await ctx.read(side, module, id, { forUpdate: true }) : null;
    if (!pair || !link || !record) return record;
    const shadow: LinkShadow = { ...(link.shadow ?? {}) };
    const before = JSON.stringify(shadow);
    noteUnsyncedEdits(
      shadow,
      record,
      side,
      (await ctx.deps.mappings.resolved(pair)).map((rm) => ({ key: rm.crm.apiName, fieldName: ctx.def(rm, side).fieldName })),
    );
    if (JSON.stringify(shadow) !== before) await ctx.deps.links.saveSyncLink(ctx.m, { ...link, shadow });
    return record;
  }
}
