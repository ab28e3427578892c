import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./options";

/**
 * One benchmarked request: a GraphQL operation from schema/operations, sent as the frontend sends it, to the
 * gateway and to the hand-written baseline (which serves it by operation name, see baseline/operations.ts).
 */
export interface Scenario {
  name: string;
  description: string;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  /** Throws if a response is not the data the scenario expects (errors, wrong size); returns a short summary. */
  check(response: unknown): Record<string, number>;
}

function operationText(file: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, "schema", "operations", file), "utf8");
}

interface NestedResponse {
  data?: {
    accounts: {
      nodes: { workOrders: { serviceAppointments: unknown[] }[]; deals: { requests: unknown[] }[] }[];
    };
  };
  errors?: unknown[];
}

export function nestedAccountsScenario(first: number, accountsInDataset: number): Scenario {
  return {
    name: "nested",
    description: `NestedAccounts(first: ${first}): Accounts → FSM Work Orders → Service Appointments, Deals → Requests`,
    operationName: "NestedAccounts",
    query: operationText("nested.graphql"),
    variables: { first },
    check(response) {
      const { data, errors } = response as NestedResponse;
      if (errors?.length || !data) throw new Error(`NestedAccounts returned errors: ${JSON.stringify(errors).slice(0, 500)}`);
      const accounts = data.accounts.nodes;
      if (accounts.length !== Math.min(first, accountsInDataset)) throw new Error(`NestedAccounts returned ${accounts.length} accounts, expected ${Math.min(first, accountsInDataset)}`);
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

/** The scenarios of this run. Issue 7 adds the Deal page, Work Order pagination, the synced edit, initial sync. */
export function scenarios(accountsInDataset: number): Scenario[] {
  return [nestedAccountsScenario(50, accountsInDataset)];
}

export function requestBody(scenario: Scenario): string {
  return JSON.stringify({ operationName: scenario.operationName, query: scenario.query, variables: scenario.variables });
}
