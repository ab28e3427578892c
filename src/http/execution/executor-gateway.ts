import { printSchema, type GraphQLSchema } from "graphql";
import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";
import type { OperationExecutor } from "./operation-executor";

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>["gateway"];
type SchemaListener = Parameters<GatewayInterface["onSchemaLoadOrUpdate"]>[0];

/**
 * Apollo Server's way to run operations with an executor of one's own: a "gateway" that loads a fixed schema.
 * Apollo still parses, validates and runs every plugin hook (limits, auth, metrics) before the executor,
 * and formats its errors after; only execution changes hands.
 */
export function executorGateway(schema: GraphQLSchema, execute: OperationExecutor): GatewayInterface {
  const listeners = new Set<SchemaListener>();
  return {
    onSchemaLoadOrUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async load() {
      const schemaContext = { apiSchema: schema, coreSupergraphSdl: printSchema(schema) };
      for (const listener of listeners) listener(schemaContext);
      return {
        executor: (request) =>
          execute({
            document: request.document,
            operation: request.operation,
            operationName: request.request.operationName ?? null,
            queryHash: request.queryHash,
            variables: request.request.variables,
            contextValue: request.context,
          }),
      };
    },
    async stop() {},
  };
}
