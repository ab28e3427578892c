import type { ApolloServerPlugin } from "@apollo/server";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { NoSchemaIntrospectionCustomRule, type ParseOptions, type ValidationRule } from "graphql";
import type { Config } from "../../config/config";
import { MAX_PAGE_SIZE } from "../../../resolvers/common/list.args";
import { createQueryShapeRule } from "./query-shape.rule";
import type { QueryCostLimits } from "./query-cost";
import { queryCostPlugin } from "./query-cost.plugin";
import { argumentGuardPlugin } from "./argument-guard.plugin";
import { tokenLimitPlugin } from "./token-limit.plugin";
import { hideSuggestionsPlugin } from "./hide-suggestions.plugin";
import { jsonBody } from "./json-body";
import { batchLimit } from "./batch-limit";
import { RateLimit } from "../rate-limit";
import { graphqlHttpGuard } from "./graphql-http-guard";
import { persistedQueryErrorsPlugin } from "./persisted-query-errors.plugin";
import { executionBudgetPlugin } from "./execution-budget.plugin";

interface LimitOptions {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  allowBatchedHttpRequests: boolean;
}

/** The limits on one GraphQL operation, whatever carries it (src/http/websocket applies them to subscribe messages). */
export interface OperationRules {
  maxTokens: number;
  /** Ours, on top of graphql's specified rules: depth and aliases, and no introspection when it is off. */
  validationRules: ValidationRule[];
  cost: QueryCostLimits;
  hideSuggestions: boolean;
  /** Any string argument's length limit (argument-guard.plugin.ts). */
  maxStringLength: number;
}

/**
 * Every request limit of the GraphQL endpoint, from the config, in the order a request meets them:
 * HTTP guards (path, method and body type, rate limit, body size, batch size) before Apollo, then token count
 * (parsing), depth and aliases (validation), cost, page size and string arguments (once the operation is known).
 * All refuse before anything executes. HTTP (Apollo options and plugins) and WebSocket (`operation`) get the same
 * rules, functions and rate limiter.
 */
export function graphqlLimits(config: Config) {
  const shapeRule = createQueryShapeRule({ maxDepth: config.maxQueryDepth, maxAliases: config.maxAliases });
  const cost: QueryCostLimits = { maxCost: config.maxQueryCost, assumedListSize: config.assumedListSize, maxPageSize: MAX_PAGE_SIZE };
  const rateLimit = new RateLimit(config.rateLimitPerMinute);
  const apolloOptions: LimitOptions = {
    parseOptions: { maxTokens: config.maxTokens },
    // Apollo adds graphql's specified rules, and NoSchemaIntrospectionCustomRule when introspection is off.
    validationRules: [shapeRule],
    allowBatchedHttpRequests: config.maxBatchedOperations > 1,
  };
  const plugins: ApolloServerPlugin[] = [
    tokenLimitPlugin(config.maxTokens),
    persistedQueryErrorsPlugin,
    queryCostPlugin(cost),
    argumentGuardPlugin(config.inputLimits.maxStringLength),
    hideSuggestionsPlugin(config.graphqlSuggestions) as ApolloServerPlugin,
    ...(config.executionTimeoutMs > 0 ? [executionBudgetPlugin as ApolloServerPlugin] : []),
  ];
  const httpGuards: (RequestHandler | ErrorRequestHandler)[] = [
    graphqlHttpGuard,
    rateLimit.httpGuard(),
    ...jsonBody(config.maxBodyBytes),
    batchLimit(config.maxBatchedOperations),
  ];
  const operation: OperationRules = {
    maxTokens: config.maxTokens,
    validationRules: [shapeRule, ...(config.introspection ? [] : [NoSchemaIntrospectionCustomRule])],
    cost,
    hideSuggestions: !config.graphqlSuggestions,
    maxStringLength: config.inputLimits.maxStringLength,
  };
  return { apolloOptions, plugins, httpGuards, operation, rateLimit };
}
