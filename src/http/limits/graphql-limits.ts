import type { ApolloServerPlugin } from "@apollo/server";
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { ParseOptions, ValidationRule } from "graphql";
import type { Config } from "../../config/config";
import { MAX_PAGE_SIZE } from "../../../resolvers/common/list.args";
import { createQueryShapeRule } from "./query-shape.rule";
import { queryCostPlugin } from "./query-cost.plugin";
import { tokenLimitPlugin } from "./token-limit.plugin";
import { hideSuggestionsPlugin } from "./hide-suggestions.plugin";
import { jsonBody } from "./json-body";
import { batchLimit } from "./batch-limit";
import { rateLimit } from "../rate-limit";
import { graphqlHttpGuard } from "./graphql-http-guard";
import { persistedQueryErrorsPlugin } from "./persisted-query-errors.plugin";
import { executionBudgetPlugin } from "./execution-budget.plugin";

interface LimitOptions {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  allowBatchedHttpRequests: boolean;
}

/**
 * Every request limit of the GraphQL endpoint, from the config, in the order a request meets them:
 * HTTP guards (path, method and body type, rate limit, body size, batch size) before Apollo, then token count (parsing), depth and aliases
 * (validation), cost and page size (once the operation is known). All refuse before anything executes.
 */
export function graphqlLimits(config: Config) {
  const apolloOptions: LimitOptions = {
    parseOptions: { maxTokens: config.maxTokens },
    validationRules: [createQueryShapeRule({ maxDepth: config.maxQueryDepth, maxAliases: config.maxAliases })],
    allowBatchedHttpRequests: config.maxBatchedOperations > 1,
  };
  const plugins: ApolloServerPlugin[] = [
    tokenLimitPlugin(config.maxTokens),
    persistedQueryErrorsPlugin,
    queryCostPlugin({ maxCost: config.maxQueryCost, assumedListSize: config.assumedListSize, maxPageSize: MAX_PAGE_SIZE }),
    hideSuggestionsPlugin(config.graphqlSuggestions) as ApolloServerPlugin,
    ...(config.executionTimeoutMs > 0 ? [executionBudgetPlugin as ApolloServerPlugin] : []),
  ];
  const httpGuards: (RequestHandler | ErrorRequestHandler)[] = [
    graphqlHttpGuard,
    rateLimit(config.rateLimitPerMinute),
    ...jsonBody(config.maxBodyBytes),
    batchLimit(config.maxBatchedOperations),
  ];
  return { apolloOptions, plugins, httpGuards };
}
