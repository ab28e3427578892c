import type { SqlStore } from "../sql-store";
import { nestedAccounts } from "./nested-accounts";

/** Hand-written equivalents of the benchmarked GraphQL operations, by operation name. */
export type BaselineOperation = (store: SqlStore, variables: Record<string, unknown>) => Promise<unknown>;

export const BASELINE_OPERATIONS: Record<string, BaselineOperation> = {
  NestedAccounts: (store, variables) => nestedAccounts(store, Number(variables.first)),
};
