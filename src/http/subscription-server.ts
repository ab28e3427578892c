import type http from "node:http";
import type { GraphQLSchema } from "graphql";
import type { Services } from "../services";

/** GraphQL subscriptions over WebSocket (graphql-ws) on /graphql. */
export function attachSubscriptionServer(_server: http.Server, _schema: GraphQLSchema, _services: Services): { close(): Promise<void> } {
  return { close: async () => undefined };
}
