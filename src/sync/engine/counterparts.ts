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
import { SyncPair, otherSide, pairOf, type Side } from "../sync-pair";
import { PAIR_MODULES } from "../../modules/module-registry";
import { SyncReason } from "../sync-reason";
import { SyncFailure } from "./sync-failure";
import { RecordRejectedError } from "../../common/record-rejected.error";
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
    await this.fillWaitingLookups(side, ctx.module(pair, side), record.id, created.id);
    return {
      ...ctx.event(pair, side, operation, ids.crmId, ids.fsmId),
      status: SyncStatus.SYNCED,
      reason: SyncReason.COUNTERPART_CREATED,
      skippedPersonalFields,
    };
  }

  /**
   * Records that synced before this one and point at it (a Contact synced before its Account) could not carry
   * that lookup across then: their counterparts get it now, where still empty. A filled one is left as it is
   * (moving a synced Contact to another Company is the user's decision, refused by the sync).
   */
  private async fillWaitingLookups(side: Side, module: string, id: string, counterpartId: string): Promise<void> {
    const { ctx } = this;
    const other = otherSide(side);
    for (const pair of Object.values(SyncPair)) {
      if (crossingBlockedBecause((await ctx.rules(pair)).settings, side)) continue;
      const lookups = (await ctx.flowing(pair, side)).mappings.filter(
        (rm) => rm.crm.dataType === FieldDataType.LOOKUP && ctx.def(rm, side).lookupModule === module,
      );
      for (const rm of lookups) {
        const sourceField = ctx.def(rm, side).fieldName;
        const targetField = ctx.def(rm, other).fieldName;
        const pointing = await ctx.store(side).findByReference(ctx.module(pair, side), sourceField, [id], ctx.m);
        const pointingIds = pointing.map((r) => r.id);
        if (!pointingIds.length) continue;
        const links = await bySide(side, {
          CRM: () => ctx.deps.links.syncLinksByCrmIds(ctx.module(pair, side), pointingIds, ctx.m),
          FSM: () => ctx.deps.links.syncLinksByFsmIds(ctx.module(pair, side), pointingIds, ctx.m),
        })();
        for (const link of links) {
          const targetId = idOn(other, link);
          const target = await ctx.read(other, ctx.module(pair, other), targetId, { forUpdate: true });
          if (!target || readFieldPath(target, targetField)) continue;
          const patch: Record<string, unknown> = {};
          writeFieldPath(patch, targetField, counterpartId);
          const updated = await ctx.m
            .transaction((savepoint) => ctx.store(other).update(ctx.module(pair, other), targetId, patch, SYNC_ACTOR, savepoint, target))
            .catch((error: unknown) => {
              // The other system refuses it (e.g. a Contact's e-mail taken in that Company): the record keeps no company, as before.
              if (error instanceof RecordRejectedError) return null;
              throw error;
            });
          if (!updated) continue;
          const shadow = { ...(link.shadow ?? {}), [rm.crm.apiName]: shadowEntryOf(side, id, counterpartId, updated.modifiedTime.getTime()) };
          await ctx.deps.links.saveSyncLink(ctx.m, Object.assign(link, { shadow }));
        }
      }
    }
  }

  /** A value on its way across: picklists translated, lookups turned into the other side's linked ids. */
  async translate(rm: ResolvedMapping, from: Side, value: unknown, currentTarget: unknown): Promise<unknown> {
    if (rm.crm.dataType !== FieldDataType.LOOKUP) return from === "CRM" ? toFsmValue(rm.mapping, value) : toCrmValue(rm.mapping, value);
    if (value === null || value === undefined || value === "") return null;
    const lookupModule = this.ctx.def(rm, from).lookupModule;
    if (!lookupModule) throw new Error(`${rm.crm.apiName}: a lookup field without a lookup module`);
    const counterpartId = await this.ensure(from, lookupModule, String(value));
    if (currentTarget && counterpartId !== currentTarget && rm.crm.apiName === "Account_Name") {
      throw new SyncFailure(
        SyncReason.COMPANY_CHANGE_NOT_ALLOWED,
        `${rm.fsm.apiName}: a synced Contact cannot move to another Company; remove its sync link first (mutation removeSyncLink), which keeps both records`,
      );
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
