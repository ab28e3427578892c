import { lockForTransaction, recordLockKey } from "../../db/advisory-lock";
import { readFieldPath, writeFieldPath } from "../../common/field-path";
import type { RecordBase } from "../../common/record-base";
import { bySide, idOn } from "../../common/side";
import { FieldDataType } from "../../fields/field-definition.entity";
import type { LinkShadow } from "../../links/sync-link.entity";
import { SyncStatus } from "../history/sync-event.entity";
import type { NewSyncEvent } from "../history/sync-history";
import type { ResolvedMapping } from "../mapping/field-mapping-service";
import { crossingBlockedBecause } from "../decisions/sync-direction";
import { shadowEntryOf } from "../decisions/field-conflict";
import { otherSide, pairOf, type Side, type SyncPair } from "../sync-pair";
import { PAIR_MODULES } from "../../modules/module-registry";
import { SyncReason } from "../sync-reason";
import { SyncFailure } from "./sync-failure";
import { SYNC_ACTOR, type SyncContext } from "./sync-context";
import { toCrmValue, toFsmValue } from "./value-mapping";

/**
 * Carries values across: creates a record's counterpart, and translates values on the way, which for a lookup
 * (a Contact's Account) may first create the looked-up record's counterpart.
 */
export class Counterparts {
  constructor(private readonly ctx: SyncContext) {}

  /** Creates the record's counterpart on the other side and links the two. */
  async create(pair: SyncPair, side: Side, record: RecordBase, operation: string): Promise<NewSyncEvent> {
    const { ctx } = this;
    const other = otherSide(side);
    const { mappings, skippedPersonalFields } = await ctx.flowing(pair, side);
    const values: Record<string, unknown> = {};
    const shadow: LinkShadow = {};
    const time = record.modifiedTime.getTime();
    for (const rm of mappings) {
      const sourceValue = readFieldPath(record, ctx.def(rm, side).fieldName);
      const targetValue = await this.translate(rm, side, sourceValue, null);
      writeFieldPath(values, ctx.def(rm, other).fieldName, targetValue);
      shadow[rm.crm.apiName] = shadowEntryOf(side, sourceValue, targetValue, time);
    }
    const modules = PAIR_MODULES[pair];
    const created = await ctx.store(other).create(ctx.module(pair, other), values, SYNC_ACTOR, ctx.m);
    const ids = bySide(side, { CRM: { crmId: record.id, fsmId: created.id }, FSM: { crmId: created.id, fsmId: record.id } });
    await ctx.deps.links.createSyncLinks([{ crmModule: modules.crmModule, fsmModule: modules.fsmModule, ...ids, shadow }], ctx.m);
    return {
      ...ctx.event(pair, side, operation, ids.crmId, ids.fsmId),
      status: SyncStatus.SYNCED,
      reason: SyncReason.COUNTERPART_CREATED,
      skippedPersonalFields,
    };
  }

  /** A value on its way across: picklists translated, lookups turned into the other side's linked ids. */
  async translate(rm: ResolvedMapping, from: Side, value: unknown, currentTarget: unknown): Promise<unknown> {
    if (rm.crm.dataType !== FieldDataType.LOOKUP) return from === "CRM" ? toFsmValue(rm.mapping, value) : toCrmValue(rm.mapping, value);
    if (value === null || value === undefined || value === "") return null;
    const lookupModule = this.ctx.def(rm, from).lookupModule;
    if (!lookupModule) throw new Error(`${rm.crm.apiName}: a lookup field without a lookup module`);
    const counterpartId = await this.ensure(from, lookupModule, String(value));
    if (currentTarget && counterpartId !== currentTarget && rm.crm.apiName === "Account_Name") {
      throw new SyncFailure(SyncReason.COMPANY_CHANGE_NOT_ALLOWED, `${rm.fsm.apiName}: a synced Contact cannot move to another Company; remove its sync link first (mutation removeSyncLink), which keeps both records`);
    }
    return counterpartId;
  }

  /**
   * The other side's id of a record (a Contact's Account, a Deal's Contact), syncing that record first if
   * need be; null when its pair does not sync that way. Also used when FSM records are created from CRM records.
   */
  async ensure(side: Side, module: string, id: string): Promise<string | null> {
    const { ctx } = this;
    // The looked-up record may be syncing in another worker right now: wait for it rather than race it.
    await lockForTransaction(ctx.m, ctx.deps.db.dialect, recordLockKey(side, module, id));
    const link = await ctx.deps.links.lockSyncLink(ctx.m, side, module, id);
    if (link) return idOn(otherSide(side), link);
    const pair = pairOf(side, module);
    const record = await ctx.read(side, module, id);
    if (!pair || !record) return null;
    // A link a user removed is not made again here: that would clone the record (the initial sync's matching may re-pair it).
    if (await ctx.deps.history.syncLinkRemoved(ctx.m, side, id)) return null;
    const { settings } = await ctx.rules(pair);
    if (crossingBlockedBecause(settings, side)) return null;
    if (side === "CRM" && !(await ctx.inView(settings.crmViewId, record))) return null;
    const event = await this.create(pair, side, record, "CREATE");
    ctx.events.push(event);
    return idOn(otherSide(side), event);
  }
}
