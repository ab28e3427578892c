import type { SqlStore } from "../sql-store";
import { nestedAccounts } from "./nested-accounts";
import { dealPage } from "./deal-page";
import { workOrdersPage } from "./work-orders-page";

/** Hand-written equivalents of the benchmarked GraphQL operations, by operation name. */
export type BaselineOperation = (store: SqlStore, variables: Record<string, unknown>) => Promise<unknown>;

export const BASELINE_OPERATIONS: Record<string, BaselineOperation> = {
  NestedAccounts: (store, variables) => nestedAccounts(store, Number(variables.first)),
  DealPage: (store, variables) => dealPage(store, String(variables.id)),
  WorkOrdersPage: (store, variables) => workOrdersPage(store, Number(variables.first), (variables.after as string | null) ?? null),
};
