import type { SqlStore } from "../sql-store";
import { dataOf, operationText, type Scenario, type Target } from "./scenario";

const CONTACTS = 500;

interface EditData {
  updateCrmContact: { record: { id: string; phone: string }; sync: { status: string; reason: string | null } };
}

/** CRM Contacts linked to an FSM Contact. */
export async function syncedContacts(store: SqlStore): Promise<string[]> {
  const rows = await store.all<{ id: string }>(
    `SELECT "crmId" AS "id" FROM "gw_sync_link" WHERE "crmModule" = 'Contacts' AND "status" = 'ACTIVE' ORDER BY "crmId" LIMIT ?`,
    [CONTACTS],
  );
  return rows.map((r) => r.id);
}

function expectSync(status: string, reason: string | null): (response: unknown) => void {
  return (response) => {
    const { sync } = dataOf<EditData>("EditSyncedContact", response).updateCrmContact;
    if (sync.status !== status || (reason && sync.reason !== reason))
      throw new Error(`EditSyncedContact synced ${JSON.stringify(sync)}, expected ${status}${reason ? ` (${reason})` : ""}`);
  };
}

/**
 * (d) A new phone number for a synced CRM Contact (a different Contact and number every request). On the gateway
 * the change reaches the linked FSM Contact in the mutation (instant sync). Then the same edit with direct sync
 * switched off (the CRM integrated with a finance suite): the edit and its outbox entry still commit in one
 * transaction, the sync itself is left pending. The difference in p50 is what the sync side effect costs.
 */
export function syncedEditScenario(contactIds: string[]): Scenario {
  if (!contactIds.length) throw new Error("the dataset has no synced Contact for the synced edit scenario");
  let edits = 0;
  const next = () => {
    const i = edits++;
    return { id: contactIds[i % contactIds.length], input: { phone: `+1 555 ${String(i).padStart(7, "0")}` } };
  };
  const syncOff: Target = {
    label: "gateway, sync off",
    server: "gateway",
    before: async (call) => void dataOf("SetFinanceSuiteIntegration", await call("SetFinanceSuiteIntegration", "notifications.graphql", { integrated: true })),
    check: expectSync("PENDING", "DIRECT_SYNC_DISABLED"),
  };
  return {
    name: "d synced edit",
    description: `EditSyncedContact: a new phone for one of ${contactIds.length} synced CRM Contacts, synced to FSM in the mutation; one request at a time`,
    operationName: "EditSyncedContact",
    query: operationText("bench.graphql"),
    variants: [],
    next,
    targets: [{ label: "gateway", server: "gateway", check: expectSync("SYNCED", null) }, syncOff],
    connections: 1,
    check(response) {
      const { record } = dataOf<EditData>("EditSyncedContact", response).updateCrmContact;
      if (!record.phone.startsWith("+1 555 ")) throw new Error(`EditSyncedContact wrote ${JSON.stringify(record)}`);
      return { contacts: 1, objects: 1 };
    },
  };
}
