import type { GraphQLSchema } from "graphql";
import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";
import type { Logger } from "pino";
import type { GraphqlExecutorKind } from "../../config/config";
import { JitExecutor } from "./jit-executor";
import { executorGateway } from "./executor-gateway";
import { graphqlJsExecutor } from "./operation-executor";

export type ApolloExecution =
  { options: { schema: GraphQLSchema }; jit: null } | { options: { gateway: ApolloServerOptionsWithGateway<BaseContext>["gateway"] }; jit: JitExecutor };

/**
 * How Apollo executes operations (config.graphqlExecutor): Apollo's own graphql-js execution on the schema,
 * or the graphql-jit executor plugged in as a gateway.
 */
export function apolloExecution(kind: GraphqlExecutorKind, schema: GraphQLSchema, logger: Logger): ApolloExecution {
  if (kind === "graphql-js") return { options: { schema }, jit: null };
  const jit = new JitExecutor(schema, {
    fallback: graphqlJsExecutor(schema),
    onCompileFailure: ({ operationName }, reason) =>
      logger.warn({ err: reason, operationName }, "graphql-jit could not compile an operation; graphql-js runs it"),
  });
  return { options: { gateway: executorGateway(schema, jit.execute) }, jit };
}
