import { isoTimestamp, type SqlStore } from "../sql-store";
import { NEWEST_FIRST } from "./newest-first";

/**
 * NestedAccounts (schema/operations/nested.graphql) by hand: seven batched statements whatever `first` is,
 * in the gateway's order (lists newest first by modified time, then id, both descending), same JSON shape.
 */
export async function nestedAccounts(store: SqlStore, first: number) {
  const newest = NEWEST_FIRST;
  const accounts = await store.all<{ id: string; accountName: string }>(`SELECT "id", "accountName" FROM "crm_account" ${newest} LIMIT ?`, [first]);
  const accountIds = accounts.map((a) => a.id);

  const [links, deals] = await Promise.all([
    store.all<{ crmId: string; fsmId: string }>(`SELECT "crmId", "fsmId" FROM "gw_sync_link" WHERE "crmModule" = 'Accounts' AND "crmId" IN_LIST(?)`, [
      accountIds,
    ]),
    store.all<{ id: string; dealName: string; accountId: string }>(
      `SELECT "id", "dealName", "accountId" FROM "crm_deal" WHERE "accountId" IN_LIST(?) ${newest}`,
      [accountIds],
    ),
  ]);
  const companyOf = new Map(links.map((l) => [l.crmId, l.fsmId]));
  const companyIds = [...companyOf.values()];
  const dealIds = deals.map((d) => d.id);

  const [workOrders, parentLinks] = await Promise.all([
    store.all<{ id: string; summary: string; companyId: string }>(
      `SELECT "id", "summary", "companyId" FROM "fsm_work_order" WHERE "companyId" IN_LIST(?) ${newest}`,
      [companyIds],
    ),
    store.all<{ fsmId: string; parentId: string }>(
      `SELECT "fsmId", "parentId" FROM "gw_parent_link" WHERE "parentModule" = 'Deals' AND "fsmModule" = 'Requests' AND "parentId" IN_LIST(?)`,
      [dealIds],
    ),
  ]);
  const [appointments, requests] = await Promise.all([
    store.all<{ id: string; status: string; scheduledStart: string | Date; workOrderId: string }>(
      `SELECT "id", "status", "scheduledStart", "workOrderId" FROM "fsm_service_appointment" WHERE "workOrderId" IN_LIST(?) ${newest}`,
      [workOrders.map((w) => w.id)],
    ),
    store.all<{ id: string; summary: string; status: string }>(`SELECT "id", "summary", "status" FROM "fsm_request" WHERE "id" IN_LIST(?) ${newest}`, [
      parentLinks.map((l) => l.fsmId),
    ]),
  ]);

  const appointmentsOf = groupBy(
    appointments,
    (a) => a.workOrderId,
    (a) => ({ id: a.id, status: a.status, scheduledStart: isoTimestamp(a.scheduledStart) }),
  );
  const workOrdersOf = groupBy(
    workOrders,
    (w) => w.companyId,
    (w) => ({ id: w.id, summary: w.summary, serviceAppointments: appointmentsOf.get(w.id) ?? [] }),
  );
  const dealOfRequest = new Map(parentLinks.map((l) => [l.fsmId, l.parentId]));
  const requestsOf = groupBy(
    requests,
    (r) => dealOfRequest.get(r.id),
    (r) => ({ id: r.id, summary: r.summary, status: r.status }),
  );
  const dealsOf = groupBy(
    deals,
    (d) => d.accountId,
    (d) => ({ id: d.id, dealName: d.dealName, requests: requestsOf.get(d.id) ?? [] }),
  );

  return {
    data: {
      accounts: {
        nodes: accounts.map((a) => {
          const companyId = companyOf.get(a.id);
          return {
            id: a.id,
            accountName: a.accountName,
            workOrders: (companyId && workOrdersOf.get(companyId)) || [],
            deals: dealsOf.get(a.id) ?? [],
          };
        }),
      },
    },
  };
}

/** Groups rows by key, keeping their order (the SQL already sorted them). */
/** Rows without a key belong to no group. */
function groupBy<T, U>(rows: T[], keyOf: (row: T) => string | undefined, map: (row: T) => U): Map<string, U[]> {
  const groups = new Map<string, U[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(map(row));
    else groups.set(key, [map(row)]);
  }
  return groups;
}
