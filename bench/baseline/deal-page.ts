import type { SqlStore } from "../sql-store";
import { NEWEST_FIRST } from "./newest-first";

/**
 * DealPage (schema/operations/bench.graphql) by hand: the deal, then its account and parent links together, then
 * each FSM list in one statement (none for an empty list), newest first like the gateway.
 */
export async function dealPage(store: SqlStore, id: string) {
  const [deal] = await store.all<{
    id: string;
    dealName: string;
    stage: string | null;
    amount: string | number | null;
    closingDate: string | null;
    accountId: string | null;
  }>(`SELECT "id", "dealName", "stage", "amount", ${store.dateText("closingDate")} AS "closingDate", "accountId" FROM "crm_deal" WHERE "id" = ?`, [id]);
  if (!deal) return { data: null, errors: [{ message: `no Deal ${id}` }] };
  const [accounts, links] = await Promise.all([
    deal.accountId ? store.all<{ id: string; accountName: string }>(`SELECT "id", "accountName" FROM "crm_account" WHERE "id" = ?`, [deal.accountId]) : [],
    store.all<{ fsmModule: string; fsmId: string }>(`SELECT "fsmModule", "fsmId" FROM "gw_parent_link" WHERE "parentModule" = 'Deals' AND "parentId" = ?`, [
      id,
    ]),
  ]);
  const list = async (table: string, module: string) => {
    const ids = links.filter((l) => l.fsmModule === module).map((l) => l.fsmId);
    if (!ids.length) return [];
    return store.all<{ id: string; summary: string; status: string }>(
      `SELECT "id", "summary", "status" FROM "${table}" WHERE "id" IN_LIST(?) ${NEWEST_FIRST}`,
      [ids],
    );
  };
  const [requests, estimates, workOrders] = await Promise.all([
    list("fsm_request", "Requests"),
    list("fsm_estimate", "Estimates"),
    list("fsm_work_order", "Work_Orders"),
  ]);
  return {
    data: {
      deal: {
        id: deal.id,
        dealName: deal.dealName,
        stage: deal.stage,
        amount: deal.amount === null ? null : Number(deal.amount),
        closingDate: deal.closingDate,
        account: accounts[0] ? { id: accounts[0].id, accountName: accounts[0].accountName } : null,
        requests,
        estimates,
        workOrders,
      },
    },
  };
}
