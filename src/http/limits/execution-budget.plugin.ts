import type { ApolloServerPlugin } from "@apollo/server";
import { OperationTypeNode } from "graphql";
import { ExecutionTimeoutError } from "../../errors/limit-errors";
import type { Context } from "../context";
import { appErrorBody } from "./send-app-error";
import { toGraphQLError } from "../../errors/to-graphql-error";

/**
 * A query that ran past its deadline is answered with EXECUTION_TIMEOUT (503) alone: the loaders stopped
 * dispatching work at the deadline, so its data is partial, and a client must not take holes for nulls.
 * A mutation's budget is lifted once it is known to be one (Deadline.waive). A request refused before execution (parse, validation, limits) keeps its own answer, however long that took.
 */
export const executionBudgetPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    let executed = false;
    return {
      async didResolveOperation({ contextValue, operation }) {
        if (operation?.operation !== OperationTypeNode.MUTATION || !contextValue.deadline) return;
        // Already late (the client may have had its timeout answer): nothing is written yet, so refuse it whole.
        if (contextValue.deadline.expired) throw toGraphQLError(new ExecutionTimeoutError(contextValue.deadline.timeoutMs));
        contextValue.deadline.waive();
      },
      async executionDidStart() {
        executed = true;
      },
      async willSendResponse({ contextValue, response }) {
        const { deadline } = contextValue;
        if (!executed || !deadline?.expired) return;
        response.http.status = 503;
        response.http.headers.set("cache-control", "no-store");
        response.body = { kind: "single", singleResult: appErrorBody(new ExecutionTimeoutError(deadline.timeoutMs)) };
      },
    };
  },
};
