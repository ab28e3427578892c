import type { ApolloServerPlugin } from "@apollo/server";
import { toGraphQLError } from "../../errors/to-graphql-error";
import { costRefusal, type QueryCostLimits } from "./query-cost";

/**
 * Refuses an operation whose static cost is above the limit, once Apollo knows the operation and before it
 * executes (didResolveOperation): the estimate needs the request's variables, which validation doesn't see.
 */
export function queryCostPlugin(limits: QueryCostLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // no such operation: execution answers that
          const refusal = costRefusal(schema, document, operation.name?.value, request.variables ?? {}, limits);
          if (refusal) throw toGraphQLError(refusal);
        },
      };
    },
  };
}
