import { dataOf, operationText, READ_TARGETS, type Scenario } from "./scenario";

interface NestedData {
  accounts: { nodes: { workOrders: { serviceAppointments: unknown[] }[]; deals: { requests: unknown[] }[] }[] };
}

/** (a) The frontend's account overview; also measured with DataLoader batching off (what batching buys). */
export function nestedAccountsScenario(first: number, accountsInDataset: number): Scenario {
  return {
    name: "a nested",
    description: `NestedAccounts(first: ${first}): Accounts → FSM Work Orders → Service Appointments, Deals → Requests`,
    operationName: "NestedAccounts",
    query: operationText("nested.graphql"),
    variants: [{ first }],
    targets: [READ_TARGETS[0], { label: "gateway, DataLoader off", server: "unbatched" }, READ_TARGETS[1]],
    check(response) {
      const accounts = dataOf<NestedData>("NestedAccounts", response).accounts.nodes;
      if (accounts.length !== Math.min(first, accountsInDataset))
        throw new Error(`NestedAccounts returned ${accounts.length} accounts, expected ${Math.min(first, accountsInDataset)}`);
      const workOrders = accounts.flatMap((a) => a.workOrders);
      const deals = accounts.flatMap((a) => a.deals);
      const summary = {
        accounts: accounts.length,
        workOrders: workOrders.length,
        serviceAppointments: workOrders.reduce((n, w) => n + w.serviceAppointments.length, 0),
        deals: deals.length,
        requests: deals.reduce((n, d) => n + d.requests.length, 0),
      };
      if (!summary.workOrders || !summary.serviceAppointments || !summary.deals || !summary.requests) {
        throw new Error(`NestedAccounts returned an empty relation: ${JSON.stringify(summary)}`);
      }
      return { ...summary, objects: Object.values(summary).reduce((a, b) => a + b, 0) };
    },
  };
}
