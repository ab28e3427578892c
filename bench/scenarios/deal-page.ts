import type { SqlStore } from "../sql-store";
import { dataOf, operationText, READ_TARGETS, type Scenario } from "./scenario";

const DEALS = 100;

interface DealPageData {
  deal: { requests: unknown[]; estimates: unknown[]; workOrders: unknown[] };
}

/** The Deals with the most kinds of FSM children (Requests, Estimates, Work Orders), then the most children. */
export async function dealsWithFsmLists(store: SqlStore): Promise<string[]> {
  const rows = await store.all<{ id: string }>(
    `SELECT "parentId" AS "id" FROM "gw_parent_link" WHERE "parentModule" = 'Deals'
     GROUP BY "parentId" ORDER BY COUNT(DISTINCT "fsmModule") DESC, COUNT(*) DESC, "parentId" LIMIT ?`,
    [DEALS],
  );
  return rows.map((r) => r.id);
}

/** (b) One Deal's page: the deal, its account, and its Requests, Estimates and Work Orders; cycled over `dealIds`. */
export function dealPageScenario(dealIds: string[]): Scenario {
  if (!dealIds.length) throw new Error("the dataset has no Deal with FSM children for the Deal page scenario");
  return {
    name: "b deal page",
    description: `DealPage(id) over ${dealIds.length} Deals with FSM lists: deal, account, Requests, Estimates, Work Orders`,
    operationName: "DealPage",
    query: operationText("bench.graphql"),
    variants: dealIds.map((id) => ({ id })),
    targets: READ_TARGETS,
    check(response) {
      const { deal } = dataOf<DealPageData>("DealPage", response);
      const summary = { deals: 1, accounts: 1, requests: deal.requests.length, estimates: deal.estimates.length, workOrders: deal.workOrders.length };
      if (!summary.requests && !summary.estimates && !summary.workOrders)
        throw new Error(`DealPage returned no FSM list: ${JSON.stringify(deal).slice(0, 300)}`);
      return { ...summary, objects: Object.values(summary).reduce((a, b) => a + b, 0) };
    },
  };
}
