import { SyncPair } from "../../src/sync/sync-pair";
import type { DatabaseTarget } from "../sql-store";

export type Side = "CRM" | "FSM";
/** `gateway`: the gateway's update mutation. `feed`: written in the system directly, then announced on /hooks/<side>. */
export type EditWay = "gateway" | "feed";

/** A field the clients edit: its mapping key (CRM API name) and its name on each side (GraphQL input = store field). */
export interface EditedField {
  key: string;
  crm: string;
  fsm: string;
  numeric?: boolean;
}

export interface EditedPair {
  crmModule: string;
  fsmModule: string;
  crmMutation: { name: string; input: string };
  fsmMutation: { name: string; input: string };
  fields: EditedField[];
}

/**
 * What the clients edit. Only fields whose values map one to one (no picklists, no lookups), and each write
 * sets a value never written before, so every committed edit changes its record and can be told apart.
 */
export const EDITED_PAIRS: Record<SyncPair, EditedPair> = {
  [SyncPair.ACCOUNTS_COMPANIES]: {
    crmModule: "Accounts",
    fsmModule: "Companies",
    crmMutation: { name: "updateAccount", input: "AccountInput" },
    fsmMutation: { name: "updateCompany", input: "CompanyInput" },
    fields: [
      { key: "Phone", crm: "phone", fsm: "phone" },
      { key: "Website", crm: "website", fsm: "website" },
    ],
  },
  [SyncPair.CONTACTS_CONTACTS]: {
    crmModule: "Contacts",
    fsmModule: "Contacts",
    crmMutation: { name: "updateCrmContact", input: "CrmContactInput" },
    fsmMutation: { name: "updateFsmContact", input: "FsmContactInput" },
    fields: [
      { key: "First_Name", crm: "firstName", fsm: "firstName" },
      { key: "Phone", crm: "phone", fsm: "phone" },
      { key: "Mobile", crm: "mobile", fsm: "mobile" },
    ],
  },
  [SyncPair.PRODUCTS_SERVICES_AND_PARTS]: {
    crmModule: "Products",
    fsmModule: "Services_And_Parts",
    crmMutation: { name: "updateProduct", input: "ProductInput" },
    fsmMutation: { name: "updateServiceAndPart", input: "ServiceAndPartInput" },
    fields: [
      { key: "Unit_Price", crm: "unitPrice", fsm: "unitPrice", numeric: true },
      { key: "Description", crm: "description", fsm: "description" },
      { key: "Product_Code", crm: "productCode", fsm: "sku" },
    ],
  },
};

/** A linked pair the clients edit. */
export interface SoakRecord {
  pair: SyncPair;
  crmId: string;
  fsmId: string;
}

/** One committed edit, as the client that made it saw it. Times are wall-clock ms (all processes share the machine's clock). */
export interface CommittedEdit {
  client: number;
  pair: SyncPair;
  crmId: string;
  side: Side;
  recordId: string;
  key: string;
  value: string | number;
  way: EditWay;
  /** Request sent, reply received: the edit committed in between. */
  sentAt: number;
  repliedAt: number;
  /** The outbox entry that syncs it: the mutation's own, or the first announcement's. */
  entryId: number | null;
  /** Every outbox entry the client's announcements created (duplicates included). */
  announcedEntryIds: number[];
  /** The mutation's immediate sync status (gateway edits). */
  syncStatus: string | null;
}

export interface ClientError {
  client: number;
  what: string;
  message: string;
  /** An edit whose outcome is unknown (the request failed after it may have committed). */
  uncertain?: { crmId: string; key: string };
}

export interface ClientLog {
  client: number;
  edits: CommittedEdit[];
  errors: ClientError[];
  /** Announcements sent again on purpose (duplicates). */
  duplicateAnnouncements: number;
}

export interface GatewayPayload {
  target: DatabaseTarget;
  hookSecret: string;
}

export interface ClientPayload {
  client: number;
  seed: number;
  gatewayUrls: string[];
  outsideUrls: string[];
  token: string;
  hookSecret: string;
  records: SoakRecord[];
  /** Share of edits made in a system directly and announced on its change feed. */
  feedShare: number;
  /** Share of announcements sent twice. */
  duplicateShare: number;
  /** Longest wait between a direct write and its announcement (uniform from 0). */
  announceDelayMs: number;
  logPath: string;
}

export const PAYLOAD_ENV = "SOAK_PAYLOAD";

/** Parent → client: edit until `endAt` (wall clock), then report idle; or write the log and exit. */
export type ToClient = { type: "round"; endAt: number } | { type: "finish" };
export type FromClient = { type: "ready" } | { type: "idle" };
/** src/http/change-feed.router.ts's CHANGE_FEED_SECRET_HEADER; not imported, to keep the client processes light. */
export const CHANGE_FEED_SECRET_HEADER = "x-gateway-secret";
