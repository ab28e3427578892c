import { execute, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from "graphql";

/** One operation Apollo has parsed, validated and passed through its plugins (limits, auth), ready to run. */
export interface PreparedOperation {
  document: DocumentNode;
  /** Missing when the document names no single operation to run (several and no name, or an unknown name). */
  operation: OperationDefinitionNode | undefined;
  /** The name the client asked for (null: the document's only operation). */
  operationName: string | null;
  /** Apollo's hash of the document's text: equal hashes, equal documents. */
  queryHash: string;
  variables: Record<string, unknown> | undefined;
  /** The request's own context (viewer, loaders): resolvers and the auth checker read it. */
  contextValue: unknown;
}

export type OperationExecutor = (operation: PreparedOperation) => Promise<ExecutionResult>;

/** The reference: graphql-js's execute, as Apollo runs it without a gateway. */
export function graphqlJsExecutor(schema: GraphQLSchema): OperationExecutor {
  return async ({ document, operationName, variables, contextValue }) => execute({ schema, document, operationName, variableValues: variables, contextValue });
}
