import type { ApolloServerPlugin } from "@apollo/server";
import { toGraphQLError } from "../../errors/to-graphql-error";
import { PageTooLargeError, QueryTooCostlyError } from "../../errors/limit-errors";
import { estimateQueryCost, type QueryCostOptions } from "./query-cost";

export interface QueryCostLimits extends QueryCostOptions {
  maxCost: number;
}

/**
 * Refuses an operation whose static cost is above the limit, once Apollo knows the operation and before it
 * executes (didResolveOperation): the estimate needs the request's variables, which validation doesn't see.
 * A `first` above the page size cap is refused here too, so no page-size error waits for execution.
 */
export function queryCostPlugin(limits: QueryCostLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // no such operation: execution answers that
          const estimate = estimateQueryCost(schema, document, operation.name?.value, request.variables ?? {}, limits);
          if (estimate.kind === "invalid-variables") return;
          if (estimate.kind === "too-large") throw toGraphQLError(QueryTooCostlyError.forSelections(estimate.selections, limits.maxCost));
          if (estimate.oversizedFirst !== null) throw toGraphQLError(new PageTooLargeError(estimate.oversizedFirst, limits.maxPageSize));
          if (estimate.cost > limits.maxCost) throw toGraphQLError(new QueryTooCostlyError(estimate.cost, limits.maxCost));
        },
      };
    },
  };
}
