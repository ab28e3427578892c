import { SyncPair, type Side } from "../sync-pair";
import { PAIR_MODULES } from "../../modules/module-registry";

export interface Phase {
  pair: SyncPair;
  side: Side;
  module: string;
}

/** Accounts before Contacts (a Contact's Company comes from its Account), CRM side first (duplicates are matched from it). */
export const PHASES: Phase[] = [SyncPair.ACCOUNTS_COMPANIES, SyncPair.CONTACTS_CONTACTS, SyncPair.PRODUCTS_SERVICES_AND_PARTS].flatMap((pair) => [
  { pair, side: "CRM" as const, module: PAIR_MODULES[pair].crmModule },
  { pair, side: "FSM" as const, module: PAIR_MODULES[pair].fsmModule },
]);
