import { registerEnumType } from "type-graphql";
import { PAIR_MODULES, SYNC_PAIR_NAMES, SYNCED_MODULE_NAMES, type SyncPairName } from "../modules/module-registry";
import { bySide, other, type Side } from "../common/side";

export type { Side };

/** The module pairs that sync (Accounts ↔ Companies, Contacts ↔ Contacts, Products ↔ Services And Parts), from the module registry. */
export const SyncPair = SYNC_PAIR_NAMES;
export type SyncPair = SyncPairName;
registerEnumType(SyncPair, { name: "SyncPair" });

/** A synced module's API name, of either system: which system it is in comes with it (`system: CRM, module: Accounts`). */
export const SyncedModule = SYNCED_MODULE_NAMES;
export type SyncedModule = keyof typeof SYNCED_MODULE_NAMES;
registerEnumType(SyncedModule, {
  name: "SyncedModule",
  description: "A synced module (Accounts, Contacts, Products, Companies, Services_And_Parts); the system argument says which side.",
});

export function pairOf(side: Side, module: string): SyncPair | null {
  const found = Object.entries(PAIR_MODULES).find(([, m]) => bySide(side, { CRM: m.crmModule, FSM: m.fsmModule }) === module);
  return found ? (found[0] as SyncPair) : null;
}

/** The pair of a module the outbox or a link already names: one that does not sync is a programming error. */
export function syncedPairOf(side: Side, module: string): SyncPair {
  const pair = pairOf(side, module);
  if (!pair) throw new Error(`${side} ${module} is not a synced module`);
  return pair;
}

/** The side opposite `side` (the same as `other` in common/side). */
export const otherSide = other;
