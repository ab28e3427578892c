import { SystemName } from "../fields/field-definition.entity";

/** The two systems a synced record lives in, spelled as the sync layer spells them. */
export type Side = "CRM" | "FSM";

/** The lowercase spelling used by configuration keys, transports and resolver options. */
export type SideKey = "crm" | "fsm";

export const SIDES: readonly Side[] = ["CRM", "FSM"];

/** The side opposite `side`. */
export function other(side: Side): Side {
  return side === "CRM" ? "FSM" : "CRM";
}

/** Picks the value for `side` from a per-side table: `bySide(side, { CRM: a, FSM: b })`. */
export function bySide<C, F = C>(side: Side, values: { CRM: C; FSM: F }): C | F {
  return side === "CRM" ? values.CRM : values.FSM;
}

/** Picks the value for a lowercase side key from a per-side table: `byKey(key, { crm: a, fsm: b })`. */
export function byKey<C, F = C>(key: SideKey, values: { crm: C; fsm: F }): C | F {
  return key === "crm" ? values.crm : values.fsm;
}

/** The lowercase spelling of a side. */
export function keyOf(side: Side): SideKey {
  return side === "CRM" ? "crm" : "fsm";
}

/** The side a lowercase key names. */
export function sideOf(key: SideKey): Side {
  return key === "crm" ? "CRM" : "FSM";
}

/** The other lowercase side key. */
export function otherKey(key: SideKey): SideKey {
  return key === "crm" ? "fsm" : "crm";
}

/** The id on `side` of anything carrying both ids (a link, a sync event): `idOn(side, link)`. */
export function idOn<T>(side: Side, ids: { crmId: T; fsmId: T }): T {
  return side === "CRM" ? ids.crmId : ids.fsmId;
}

/** The module on `side` of anything carrying both modules (a link, a pair's modules). */
export function moduleOn<C, F = C>(side: Side, modules: { crmModule: C; fsmModule: F }): C | F {
  return side === "CRM" ? modules.crmModule : modules.fsmModule;
}

/** Both ids of a record known on `side` only: its id there, null on the other side. */
export function idsOn<T>(side: Side, id: T): { crmId: T | null; fsmId: T | null } {
  return side === "CRM" ? { crmId: id, fsmId: null } : { crmId: null, fsmId: id };
}

/** The SystemName (GraphQL enum of fields and settings) of a side: the same two spellings, typed as the enum. */
export function systemNameOf(side: Side): SystemName {
  return bySide(side, { CRM: SystemName.CRM, FSM: SystemName.FSM });
}

/** The side a SystemName names. */
export function sideOfSystem(system: SystemName): Side {
  return system === SystemName.CRM ? "CRM" : "FSM";
}
