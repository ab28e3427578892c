import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Context } from "../http/context";
import type { GatewayMetrics } from "./gateway-metrics";

const INTERNAL = "INTERNAL_SERVER_ERROR";

function firstErrorCode(errors: readonly GraphQLFormattedError[] | undefined): string | null {
  if (!errors?.length) return null;
  const code = errors[0].extensions?.code;
  return typeof code === "string" ? code : INTERNAL;
}

/** What the client was sent (errors already formatted, so the codes are the public ones). */
function outcomeOf(requestContext: GraphQLRequestContextWillSendResponse<Context>): string {
  const { body } = requestContext.response;
  const errors = body.kind === "single" ? body.singleResult.errors : body.initialResult.errors;
  return firstErrorCode(errors) ?? "ok";
}

/**
 * Operation metrics: one count (by operation name, type and outcome) and one latency sample per GraphQL
 * operation over HTTP, batched operations each on their own. Names are client-chosen, so only signed-in
 * callers' names are kept (and only so many, see GatewayMetrics); requests without a valid token count as
 * "(unauthenticated)" and requests refused before an operation was resolved as "(none)".
 */
export function graphqlMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(requestContext) {
          const { operation, contextValue } = requestContext;
          let name = "(none)";
          if (operation) name = !contextValue.viewer ? "(unauthenticated)" : (operation.name?.value ?? "(anonymous)");
          metrics.recordOperation({
            operation: name,
            type: operation?.operation ?? "unknown",
            outcome: outcomeOf(requestContext),
            seconds: Number(process.hrtime.bigint() - started) / 1e9,
          });
        },
      };
    },
    // Refused before a request context existed: a bad token, a malformed HTTP request.
    async contextCreationDidFail({ error }) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      metrics.recordOperation({ operation: "(none)", type: "unknown", outcome: typeof code === "string" ? code : INTERNAL });
    },
    async invalidRequestWasReceived() {
      metrics.recordOperation({ operation: "(none)", type: "unknown", outcome: "BAD_REQUEST" });
    },
  };
}
