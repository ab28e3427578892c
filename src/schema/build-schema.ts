import { buildSchema } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import { RESOLVERS } from "../../resolvers";
import { authChecker } from "../access/auth-checker";

/** Builds the GraphQL schema from the resolver classes. Never emits a file: see emit-schema.ts. */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
}
