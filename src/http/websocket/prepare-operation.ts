import {
  GraphQLError,
  OperationTypeNode,
  getOperationAST,
  getVariableValues,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from "graphql";
import type { SubscribePayload } from "graphql-ws";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import { toGraphQLError } from "../../errors/to-graphql-error";
import { OperationNotAllowedError } from "../../errors/websocket-errors";
import { parseWithTokenLimit } from "../limits/token-limit";
import { costRefusal } from "../limits/query-cost";
import { argumentRefusal } from "../limits/argument-guard.plugin";
import type { OperationRules } from "../limits/graphql-limits";

/** Errors raised before execution, with the codes Apollo gives them over HTTP. */
function withCode(code: ApolloServerErrorCode) {
  return (error: GraphQLError) =>
    new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      originalError: error.originalError,
      extensions: { code },
    });
}

function validateWithinStack(schema: GraphQLSchema, document: DocumentNode, rules: OperationRules): readonly GraphQLError[] {
  try {
    return validate(schema, document, [...specifiedRules, ...rules.validationRules]);
  } catch (error) {
    if (error instanceof RangeError) return [new GraphQLError("The document nests too deeply to validate")];
    throw error;
  }
}

/**
 * A subscribe message meets the HTTP limits in the HTTP order, with the same functions: tokens (parsing),
 * graphql's rules with depth, aliases and introspection (validation), variables, cost and page size; then the
 * WebSocket's own rule, subscriptions only. Every refusal is an error message; the socket stays open.
 */
export function prepareOperation(schema: GraphQLSchema, payload: SubscribePayload, rules: OperationRules): ExecutionArgs | readonly GraphQLError[] {
  const document = parseWithTokenLimit(payload.query, rules.maxTokens);
  if (document instanceof GraphQLError) return [withCode(ApolloServerErrorCode.GRAPHQL_PARSE_FAILED)(document)];
  const invalid = validateWithinStack(schema, document, rules);
  if (invalid.length) return invalid.map(withCode(ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED));
  const operation = getOperationAST(document, payload.operationName);
  if (!operation)
    return [new GraphQLError("Unable to identify the operation to run", { extensions: { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE } })];
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
  if (variables.errors) return variables.errors.map(withCode(ApolloServerErrorCode.BAD_USER_INPUT));
  const badArgument = argumentRefusal(schema, document, variables.coerced, rules.maxStringLength);
  if (badArgument) return [badArgument];
  const tooCostly = costRefusal(schema, document, payload.operationName ?? undefined, payload.variables ?? {}, rules.cost);
  if (tooCostly) return [toGraphQLError(tooCostly)];
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION) return [toGraphQLError(new OperationNotAllowedError(operation.operation))];
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}
