import { registerEnumType } from "type-graphql";
import type { CrmModule } from "../crm/crm-records";
import type { FsmModule } from "../fsm/fsm-records";
import { bySide, other, type Side } from "../common/side";

export type { Side };

/** The module pairs that sync: Accounts ↔ Companies, Contacts ↔ Contacts, Products ↔ Services And Parts. */
export enum SyncPair {
  ACCOUNTS_COMPANIES = "ACCOUNTS_COMPANIES",
  CONTACTS_CONTACTS = "CONTACTS_CONTACTS",
  PRODUCTS_SERVICES_AND_PARTS = "PRODUCTS_SERVICES_AND_PARTS",
}
registerEnumType(SyncPair, { name: "SyncPair" });

export type SyncedCrmModule = "Accounts" | "Contacts" | "Products";
export type SyncedFsmModule = "Companies" | "Contacts" | "Services_And_Parts";

export const PAIR_MODULES: Record<SyncPair, { crmModule: SyncedCrmModule & CrmModule; fsmModule: SyncedFsmModule & FsmModule }> = {
  [SyncPair.ACCOUNTS_COMPANIES]: { crmModule: "Accounts", fsmModule: "Companies" },
  [SyncPair.CONTACTS_CONTACTS]: { crmModule: "Contacts", fsmModule: "Contacts" },
  [SyncPair.PRODUCTS_SERVICES_AND_PARTS]: { crmModule: "Products", fsmModule: "Services_And_Parts" },
};

export function pairOf(side: Side, module: string): SyncPair | null {
  const found = Object.entries(PAIR_MODULES).find(([, m]) => bySide(side, { CRM: m.crmModule, FSM: m.fsmModule }) === module);
  return found ? (found[0] as SyncPair) : null;
}

/** The side opposite `side` (the same as `other` in common/side). */
export const otherSide = other;
