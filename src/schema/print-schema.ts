import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";

export const SCHEMA_BANNER = "# Generated from the resolvers by `npm run schema:emit`. Do not edit; a test fails when it is stale.\n\n";

/** The committed SDL: sorted, so that diffs show real changes only. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return SCHEMA_BANNER + printSchema(lexicographicSortSchema(schema)) + "\n";
}
