import type { EntityManager } from "typeorm";
import { lockForTransaction, recordLockKey } from "../../db/advisory-lock";
import { readFieldPath, writeFieldPath } from "../../common/field-path";
import type { RecordBase } from "../../common/record-base";
import type { RecordStore } from "../../common/record-store";
import { FieldDataType } from "../../fields/field-definition.entity";
import { LinkStatus, type LinkShadow, type ShadowEntry, type SyncLink } from "../../links/sync-link.entity";
import type { OutboxEntry } from "../outbox/outbox-entry.entity";
import { latestPendingEdit } from "../outbox/outbox";
import { flowFrom, SyncStatus } from "../history/sync-event.entity";
import type { NewSyncEvent } from "../history/sync-history";
import type { ResolvedMapping } from "../mapping/field-mapping-service";
import type { PairRules } from "../settings/sync-settings-service";
import { allowsFlow, crossingBlockedBecause } from "../decisions/sync-direction";
import { decideDeletion, deletionPreferenceOf, type DeletionDecision } from "../decisions/deletion-preference";
import { decideFieldConflict, fieldEditOf, shadowEntryOf, type FieldDecision } from "../decisions/field-conflict";
import { duplicateMergeSource } from "../decisions/duplicate-merge";
import { otherSide, pairOf, type Side, type SyncPair } from "../sync-pair";
import { PAIR_MODULES } from "../../modules/module-registry";
import type { SyncDeps } from "./sync-deps";
import { SyncFailure } from "./sync-failure";
import { sameValue, toCrmValue, toFsmValue } from "./value-mapping";
import { noteUnsyncedEdits } from "./edit-times";
import { bySide, idOn, idsOn, moduleOn } from "../../common/side";
import { SyncReason } from "../sync-reason";

const SYNC_ACTOR = { userId: "sync" };

interface Flowing {
  mappings: ResolvedMapping[];
  skippedPersonalFields: number;
}

/**
 * Syncs one change of one record inside one transaction: creates the counterpart, reconciles mapped fields
 * against the link's shadow (so duplicates and echoes change nothing), or propagates a deletion.
 * Records whose counterparts it had to create on the way (a Contact's Account) add their own events.
 */
export class RecordSync {
  readonly events: NewSyncEvent[] = [];
  /** Each pair's rules as this transaction read them first: one read per pair, however many decisions use them. */
  private readonly pairRules = new Map<SyncPair, Promise<PairRules>>();

  constructor(
    private readonly deps: SyncDeps,
    private readonly m: EntityManager,
  ) {}

  async apply(entry: OutboxEntry): Promise<NewSyncEvent> {
    const side = entry.side;
    const pair = pairOf(side, entry.module)!;
    const ids = idsOn(side, entry.recordId);
    const base = this.event(pair, side, entry.operation, ids.crmId, ids.fsmId);
    const { settings } = await this.rules(pair);
    const blocked = crossingBlockedBecause(settings, side);
    if (blocked) return { ...base, status: SyncStatus.SKIPPED, reason: blocked };
    const link = await this.deps.links.lockSyncLink(this.m, side, entry.module, entry.recordId);
    const record = await this.read(side, entry.module, entry.recordId);
    if (entry.operation === "DELETE") {
      const decision = decideDeletion(record !== null, link?.status ?? null, deletionPreferenceOf(settings, side));
      return this.propagateDelete(base, side, link, decision);
    }
    if (!record) return { ...base, status: SyncStatus.SKIPPED, reason: SyncReason.RECORD_DELETED };
    // A resync after a settings change only brings linked pairs level: it neither links nor resumes.
    if (entry.origin === "SETTINGS" && link?.status !== LinkStatus.ACTIVE) return { ...base, status: SyncStatus.SKIPPED, reason: link ? SyncReason.LINK_SUSPENDED : SyncReason.NOT_LINKED };
    if (side === "CRM" && !(await this.inView(settings.crmViewId, record))) return { ...base, status: SyncStatus.SKIPPED, reason: SyncReason.NOT_IN_VIEW };
    if (!link) return this.createCounterpart(pair, side, record, entry.operation);
    return this.reconcile(pair, side, link, record, entry);
  }

  /** Creates the record's counterpart on the other side and links the two. */
  async createCounterpart(pair: SyncPair, side: Side, record: RecordBase, operation: string): Promise<NewSyncEvent> {
    const other = otherSide(side);
    const { mappings, skippedPersonalFields } = await this.flowing(pair, side);
    const values: Record<string, unknown> = {};
    const shadow: LinkShadow = {};
    const time = record.modifiedTime.getTime();
    for (const rm of mappings) {
      const sourceValue = readFieldPath(record, this.def(rm, side).fieldName);
      const targetValue = await this.translate(rm, side, sourceValue, null);
      writeFieldPath(values, this.def(rm, other).fieldName, targetValue);
      shadow[rm.crm.apiName] = shadowEntryOf(side, sourceValue, targetValue, time);
    }
    const modules = PAIR_MODULES[pair];
    const created = await this.store(other).create(this.module(pair, other), values as never, SYNC_ACTOR, this.m);
    const ids = bySide(side, { CRM: { crmId: record.id, fsmId: created.id }, FSM: { crmId: created.id, fsmId: record.id } });
    await this.deps.links.createSyncLinks([{ crmModule: modules.crmModule, fsmModule: modules.fsmModule, ...ids, shadow }], this.m);
    return { ...this.event(pair, side, operation, ids.crmId, ids.fsmId), status: SyncStatus.SYNCED, reason: SyncReason.COUNTERPART_CREATED, skippedPersonalFields };
  }

  private async reconcile(pair: SyncPair, side: Side, link: SyncLink, record: RecordBase, entry: OutboxEntry): Promise<NewSyncEvent> {
    const other = otherSide(side);
    const otherModule = this.module(pair, other);
    const targetId = idOn(other, link);
    // Locked until this sync commits: an edit made outside the gateway meanwhile waits, then is announced and synced
    // with its own (later) time, instead of being overwritten by a decision taken on the value before it.
    const target = await this.read(other, otherModule, targetId, { forUpdate: true });
    if (!target && entry.origin === "SETTINGS") {
      // Deleted while its deletion could not cross: a resync does not bring it back (an edit of this record would).
      return { ...this.event(pair, side, entry.operation, link.crmId, link.fsmId), status: SyncStatus.SKIPPED, reason: SyncReason.COUNTERPART_MISSING };
    }
    if (!target) {
      // The counterpart is gone (deleted while the link was suspended, or outside the gateway): pair afresh.
      await this.deps.links.deleteSyncLink(this.m, link.id);
      return this.createCounterpart(pair, side, record, entry.operation);
    }
    const { mappings, skippedPersonalFields } = await this.flowing(pair, side);
    const shadow: LinkShadow = { ...(link.shadow ?? {}) };
    // After a failure, the next change retries the whole record, not just the fields it touched.
    const values = link.lastSyncStatus === "FAILED" ? null : entry.values;
    const patch: Record<string, unknown> = {};
    const conflicts: { field: string; winner: string }[] = [];
    // The other side's pending gateway edits date its values exactly: read once, and only if a field needs them.
    let pending: Promise<OutboxEntry[]> | undefined;
    const pendingOfTarget = () => (pending ??= this.deps.outbox.pendingOf(this.m, other, otherModule, targetId));
    for (const rm of mappings) {
      const decision = await this.reconcileField(rm, side, record, target, shadow[rm.crm.apiName], values, entry, pendingOfTarget);
      if (decision.conflictWinner) conflicts.push({ field: rm.crm.apiName, winner: decision.conflictWinner });
      if (decision.write) writeFieldPath(patch, this.def(rm, other).fieldName, decision.targetValue);
      if (decision.shadow) shadow[rm.crm.apiName] = decision.shadow;
    }
    const changed = Object.keys(patch).length > 0;
    if (changed) {
      const all = await this.deps.mappings.resolved(pair);
      noteUnsyncedEdits(shadow, target, other, all.map((rm) => ({ key: rm.crm.apiName, fieldName: this.def(rm, other).fieldName })));
      await this.store(other).update(otherModule, targetId, patch as never, SYNC_ACTOR, this.m, target);
    }
    await this.deps.links.saveSyncLink(this.m, { ...link, shadow, status: LinkStatus.ACTIVE, lastSyncTime: new Date(), lastSyncStatus: "SYNCED", lastSyncError: null });
    return {
      ...this.event(pair, side, entry.operation, link.crmId, link.fsmId),
      status: changed ? SyncStatus.SYNCED : SyncStatus.SKIPPED,
      reason: changed ? (link.status === LinkStatus.SUSPENDED ? SyncReason.LINK_RESUMED : null) : SyncReason.NO_CHANGES,
      skippedPersonalFields,
      conflicts: conflicts.length ? conflicts : null,
    };
  }

  /** One mapped field of a change: the decision is field-conflict.ts's; this reads what it decides by. */
  private async reconcileField(
    rm: ResolvedMapping, side: Side, record: RecordBase, target: RecordBase, last: ShadowEntry | undefined,
    values: Record<string, unknown> | null, entry: OutboxEntry, pendingOfTarget: () => Promise<OutboxEntry[]>,
  ): Promise<FieldDecision> {
    const targetField = this.def(rm, otherSide(side)).fieldName;
    const changeTime = entry.createdTime.getTime();
    const edit = fieldEditOf({ side, fieldName: this.def(rm, side).fieldName, changedValues: values, changeTime, record, last });
    if (!edit) return { write: false };
    const current = readFieldPath(target, targetField);
    const targetValue = await this.translate(rm, side, edit.value, current);
    // The other side's pending edits matter only where the values differ: read them only then.
    const pendingEdit = sameValue(current, targetValue) ? null : latestPendingEdit(await pendingOfTarget(), targetField);
    return decideFieldConflict({ side, edit, targetValue, target, current, last, pendingEdit });
  }

  /**
   * Before a gateway edit of a linked record, remembers when its other unsynced edits were made: the edit is
   * about to move the record's modified time past them. Returns the record if it read it (locked, for the write).
   */
  async noteEditsBeforeWrite(side: Side, module: string, id: string): Promise<RecordBase | null> {
    const pair = pairOf(side, module);
    const link = pair ? await this.deps.links.lockSyncLink(this.m, side, module, id) : null;
    const record = link ? await this.read(side, module, id, { forUpdate: true }) : null;
    if (!pair || !link || !record) return record;
    const shadow: LinkShadow = { ...(link.shadow ?? {}) };
    const before = JSON.stringify(shadow);
    noteUnsyncedEdits(shadow, record, side, (await this.deps.mappings.resolved(pair)).map((rm) => ({ key: rm.crm.apiName, fieldName: this.def(rm, side).fieldName })));
    if (JSON.stringify(shadow) !== before) await this.deps.links.saveSyncLink(this.m, { ...link, shadow });
    return record;
  }

  /**
   * Links a CRM record with its FSM duplicate and merges them (initial sync, Overwrite): per mapped field the
   * CRM value wins where both have one, else the FSM value is kept; each side is written only if the
   * direction allows and the field may leave its system.
   */
  async mergeDuplicates(pair: SyncPair, crm: RecordBase, fsm: RecordBase): Promise<NewSyncEvent> {
    const toFsm = new Set((await this.flowing(pair, "CRM")).mappings.map((rm) => rm.crm.apiName));
    const toCrm = new Set((await this.flowing(pair, "FSM")).mappings.map((rm) => rm.crm.apiName));
    const { settings } = await this.rules(pair);
    const crmPatch: Record<string, unknown> = {};
    const fsmPatch: Record<string, unknown> = {};
    const shadow: LinkShadow = {};
    const time = Date.now();
    for (const rm of await this.deps.mappings.resolved(pair)) {
      const crmValue = readFieldPath(crm, rm.crm.fieldName);
      const fsmValue = readFieldPath(fsm, rm.fsm.fieldName);
      const flows = { crmToFsm: toFsm.has(rm.crm.apiName) && allowsFlow(settings.direction, "CRM"), fsmToCrm: toCrm.has(rm.crm.apiName) && allowsFlow(settings.direction, "FSM") };
      const source = duplicateMergeSource(crmValue, fsmValue, flows);
      if (source === "CRM") {
        const value = await this.translate(rm, "CRM", crmValue, null);
        if (!sameValue(fsmValue, value)) writeFieldPath(fsmPatch, rm.fsm.fieldName, value);
        shadow[rm.crm.apiName] = { crm: crmValue, fsm: value, time };
      } else if (source === "FSM") {
        const value = await this.translate(rm, "FSM", fsmValue, null);
        writeFieldPath(crmPatch, rm.crm.fieldName, value);
        shadow[rm.crm.apiName] = { crm: value, fsm: fsmValue, time };
      }
    }
    const modules = PAIR_MODULES[pair];
    if (Object.keys(fsmPatch).length) await this.store("FSM").update(modules.fsmModule, fsm.id, fsmPatch as never, SYNC_ACTOR, this.m);
    if (Object.keys(crmPatch).length) await this.store("CRM").update(modules.crmModule, crm.id, crmPatch as never, SYNC_ACTOR, this.m);
    await this.deps.links.createSyncLinks([{ crmModule: modules.crmModule, crmId: crm.id, fsmModule: modules.fsmModule, fsmId: fsm.id, shadow }], this.m);
    const changed = Object.keys(fsmPatch).length + Object.keys(crmPatch).length > 0;
    return { ...this.event(pair, "CRM", "INITIAL", crm.id, fsm.id), status: SyncStatus.SYNCED, reason: changed ? SyncReason.OVERWRITTEN : SyncReason.LINKED };
  }

  /** Whether a CRM record may sync from the CRM under the pair's view. */
  async isInPairView(pair: SyncPair, record: RecordBase): Promise<boolean> {
    return this.inView((await this.rules(pair)).settings.crmViewId, record);
  }

  /** Carries out a deletion's decision (deletion-preference.ts). */
  private async propagateDelete(base: NewSyncEvent, side: Side, link: SyncLink | null, decision: DeletionDecision): Promise<NewSyncEvent> {
    if (decision.action === "NONE" || !link) return { ...base, status: SyncStatus.SKIPPED, reason: decision.reason };
    const event = { ...base, crmId: link.crmId, fsmId: link.fsmId, reason: decision.reason };
    if (decision.action === "SUSPEND_LINK") {
      await this.deps.links.saveSyncLink(this.m, { ...link, status: LinkStatus.SUSPENDED, lastSyncTime: new Date(), lastSyncStatus: "SUSPENDED" });
      return { ...event, status: SyncStatus.SKIPPED };
    }
    if (decision.action === "DELETE_COUNTERPART") {
      const other = otherSide(side);
      await this.store(other).delete(moduleOn(other, link), idOn(other, link), this.m);
    }
    await this.deps.links.deleteSyncLink(this.m, link.id);
    return { ...event, status: decision.action === "DELETE_COUNTERPART" ? SyncStatus.SYNCED : SyncStatus.SKIPPED };
  }

  /** A value on its way across: picklists translated, lookups turned into the other side's linked ids. */
  private async translate(rm: ResolvedMapping, from: Side, value: unknown, currentTarget: unknown): Promise<unknown> {
    if (rm.crm.dataType !== FieldDataType.LOOKUP) return from === "CRM" ? toFsmValue(rm.mapping, value) : toCrmValue(rm.mapping, value);
    if (value === null || value === undefined || value === "") return null;
    const lookupModule = this.def(rm, from).lookupModule!;
    const counterpartId = await this.ensureCounterpart(from, lookupModule, String(value));
    if (currentTarget && counterpartId !== currentTarget && rm.crm.apiName === "Account_Name") {
      throw new SyncFailure(SyncReason.COMPANY_CHANGE_NOT_ALLOWED, `${rm.fsm.apiName}: a synced Contact cannot move to another Company; unlink it first`);
    }
    return counterpartId;
  }

  /**
   * The other side's id of a record (a Contact's Account, a Deal's Contact), syncing that record first if
   * need be; null when its pair does not sync that way. Also used when FSM records are created from CRM records.
   */
  async ensureCounterpart(side: Side, module: string, id: string): Promise<string | null> {
    // The looked-up record may be syncing in another worker right now: wait for it rather than race it.
    await lockForTransaction(this.m, this.deps.db.dialect, recordLockKey(side, module, id));
    const link = await this.deps.links.lockSyncLink(this.m, side, module, id);
    if (link) return idOn(otherSide(side), link);
    const pair = pairOf(side, module);
    const record = await this.read(side, module, id);
    if (!pair || !record) return null;
    const { settings } = await this.rules(pair);
    if (crossingBlockedBecause(settings, side)) return null;
    if (side === "CRM" && !(await this.inView(settings.crmViewId, record))) return null;
    const event = await this.createCounterpart(pair, side, record, "CREATE");
    this.events.push(event);
    return idOn(otherSide(side), event);
  }

  /** Only CRM records in the pair's view (if it has one) sync from the CRM. */
  private async inView(viewId: string | null, record: RecordBase): Promise<boolean> {
    return !viewId || this.deps.views.matches(await this.deps.views.get(viewId, this.m), record);
  }

  /** The pair's mappings whose source field may leave its system, and how many personal ones may not. */
  private async flowing(pair: SyncPair, side: Side): Promise<Flowing> {
    const restricted = (await this.rules(pair)).restricted[side];
    const all = await this.deps.mappings.resolved(pair);
    const mappings = all.filter((rm) => !restricted[this.def(rm, side).personalData]);
    return { mappings, skippedPersonalFields: all.length - mappings.length };
  }

  private rules(pair: SyncPair): Promise<PairRules> {
    let rules = this.pairRules.get(pair);
    if (!rules) this.pairRules.set(pair, (rules = this.deps.settings.rules(pair, this.m)));
    return rules;
  }

  private event(pair: SyncPair, side: Side, operation: string, crmId: string | null, fsmId: string | null): NewSyncEvent {
    return {
      pair, flow: flowFrom(side), operation, crmId, fsmId, entryId: null,
      status: SyncStatus.SYNCED, reason: null, message: null, skippedPersonalFields: 0, conflicts: null,
    };
  }

  private def(rm: ResolvedMapping, side: Side) {
    return bySide(side, { CRM: rm.crm, FSM: rm.fsm });
  }

  private module(pair: SyncPair, side: Side): string {
    return moduleOn(side, PAIR_MODULES[pair]);
  }

  private store(side: Side): RecordStore<Record<string, RecordBase>> {
    return bySide<unknown>(side, { CRM: this.deps.crm, FSM: this.deps.fsm }) as RecordStore<Record<string, RecordBase>>;
  }

  private async read(side: Side, module: string, id: string, options: { forUpdate?: boolean } = {}): Promise<RecordBase | null> {
    return (await this.store(side).getMany(module, [id], this.m, options))[0] ?? null;
  }
}
