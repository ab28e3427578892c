import { readFieldPath, writeFieldPath } from "../../common/field-path";
import type { RecordBase } from "../../common/record-base";
import type { LinkShadow } from "../../links/sync-link.entity";
import { SyncStatus } from "../history/sync-event.entity";
import type { NewSyncEvent } from "../history/sync-history";
import { allowsFlow } from "../decisions/sync-direction";
import { duplicateMergeSource } from "../decisions/duplicate-merge";
import type { SyncPair } from "../sync-pair";
import { PAIR_MODULES } from "../../modules/module-registry";
import { SyncReason } from "../sync-reason";
import type { Counterparts } from "./counterparts";
import { SYNC_ACTOR, type SyncContext } from "./sync-context";
import { sameValue } from "./value-mapping";

/**
 * Links a CRM record with its FSM duplicate and merges them (initial sync, Overwrite): per mapped field the
 * CRM value wins where both have one, else the FSM value is kept; each side is written only if the
 * direction allows and the field may leave its system.
 */
export async function mergeDuplicates(ctx: SyncContext, counterparts: Counterparts, pair: SyncPair, crm: RecordBase, fsm: RecordBase): Promise<NewSyncEvent> {
  const toFsm = new Set((await ctx.flowing(pair, "CRM")).mappings.map((rm) => rm.crm.apiName));
  const toCrm = new Set((await ctx.flowing(pair, "FSM")).mappings.map((rm) => rm.crm.apiName));
  const { settings } = await ctx.rules(pair);
  const crmPatch: Record<string, unknown> = {};
  const fsmPatch: Record<string, unknown> = {};
  const shadow: LinkShadow = {};
  const time = Date.now();
  for (const rm of await ctx.deps.mappings.resolved(pair)) {
    const crmValue = readFieldPath(crm, rm.crm.fieldName);
    const fsmValue = readFieldPath(fsm, rm.fsm.fieldName);
    const flows = {
      crmToFsm: toFsm.has(rm.crm.apiName) && allowsFlow(settings.direction, "CRM"),
      fsmToCrm: toCrm.has(rm.crm.apiName) && allowsFlow(settings.direction, "FSM"),
    };
    const source = duplicateMergeSource(crmValue, fsmValue, flows);
    if (source === "CRM") {
      const value = await counterparts.translate(rm, "CRM", crmValue, null);
      if (!sameValue(fsmValue, value)) writeFieldPath(fsmPatch, rm.fsm.fieldName, value);
      shadow[rm.crm.apiName] = { crm: crmValue, fsm: value, time };
    } else if (source === "FSM") {
      const value = await counterparts.translate(rm, "FSM", fsmValue, null);
      writeFieldPath(crmPatch, rm.crm.fieldName, value);
      shadow[rm.crm.apiName] = { crm: value, fsm: fsmValue, time };
    }
  }
  const modules = PAIR_MODULES[pair];
  if (Object.keys(fsmPatch).length) await ctx.store("FSM").update(modules.fsmModule, fsm.id, fsmPatch, SYNC_ACTOR, ctx.m);
  if (Object.keys(crmPatch).length) await ctx.store("CRM").update(modules.crmModule, crm.id, crmPatch, SYNC_ACTOR, ctx.m);
  await ctx.deps.links.createSyncLinks([{ crmModule: modules.crmModule, crmId: crm.id, fsmModule: modules.fsmModule, fsmId: fsm.id, shadow }], ctx.m);
  const changed = Object.keys(fsmPatch).length + Object.keys(crmPatch).length > 0;
  return { ...ctx.event(pair, "CRM", "INITIAL", crm.id, fsm.id), status: SyncStatus.SYNCED, reason: changed ? SyncReason.OVERWRITTEN : SyncReason.LINKED };
}
