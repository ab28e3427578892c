import { buildSchema } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import { RESOLVERS } from "../../resolvers";
import { authChecker } from "../access/auth-checker";
import { createSyncEventsPubSub, type SyncEventsPubSub } from "../sync/sync-events";
import { removePlainFieldResolvers } from "./plain-field-resolvers";
import { DateTimeISO } from "./date-time-scalar";

/**
 * Builds the GraphQL schema from the resolver classes. Never emits a file: see emit-schema.ts.
 * Subscriptions listen on `pubSub`, where the sync engine publishes.
 */
export async function buildGatewaySchema(pubSub: SyncEventsPubSub = createSyncEventsPubSub()): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    pubSub,
    scalarsMap: [{ type: Date, scalar: DateTimeISO }],
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
  removePlainFieldResolvers(schema);
  return schema;
}
