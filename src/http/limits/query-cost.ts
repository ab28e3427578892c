import { GraphQLError, getNullableType, isListType, type DocumentNode, type GraphQLSchema } from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import type { AppError } from "../../errors/app-error";
import { PageTooLargeError, QueryTooCostlyError } from "../../errors/limit-errors";

export interface QueryCostOptions {
  /** The size assumed for a list without a `first` argument (a plain nested relation). */
  assumedListSize: number;
  /** `first` above this is refused by the resolvers anyway; the estimate counts at most this many. */
  maxPageSize: number;
}

export interface QueryCostLimits extends QueryCostOptions {
  maxCost: number;
}

export type QueryCost =
  | { kind: "estimated"; cost: number; oversizedFirst: number | null }
  /** More selections than the walker expands (fragments spread into fragments): far too costly to estimate. */
  | { kind: "too-large"; selections: number }
  /** Variables that don't coerce: execution refuses the request itself, with BAD_USER_INPUT. */
  | { kind: "invalid-variables" };

/** Past this many selections (fragments expanded), the walk stops: it bounds the estimator's own work. */
export const MAX_ESTIMATED_SELECTIONS = 10_000;
const SELECTIONS_EXCEEDED = /maximum allowed number of nodes/;
/** Pages are `XConnection { nodes totalCount pageInfo }`: their `nodes` list is the page `first` already counted. */
const CONNECTION_SUFFIX = "Connection";

/**
 * Static cost of one operation, before it runs: every field counts 1, and a field returning several objects
 * multiplies what is selected below it by their number: its `first` argument (at most the page size cap),
 * 1 for the `nodes` of a paged connection, or the assumed size for any other list. Introspection counts
 * the same way. Skipped (@skip/@include) selections count nothing; fragments count where they are spread.
 */
export function estimateQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  options: QueryCostOptions,
): QueryCost {
  let oversizedFirst: number | null = null;
  const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    const first = typeof args.first === "number" ? args.first : null;
    if (first !== null && first > options.maxPageSize) oversizedFirst = Math.max(oversizedFirst ?? 0, first);
    return 1 + listSize(first, isListType(getNullableType(field.type)), type.name, options) * childComplexity;
  };
  try {
    const cost = getComplexity({ schema, query: document, operationName, variables, estimators: [estimator], maxQueryNodes: MAX_ESTIMATED_SELECTIONS });
    return { kind: "estimated", cost, oversizedFirst };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return SELECTIONS_EXCEEDED.test(error.message) ? { kind: "too-large", selections: MAX_ESTIMATED_SELECTIONS } : { kind: "invalid-variables" };
  }
}

/**
 * The cost limit's verdict on one operation (null: within it), for HTTP and WebSocket alike. A `first` above
 * the page size cap is refused here too, so no page-size error waits for execution. Variables that don't
 * coerce pass: execution refuses them itself.
 */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  limits: QueryCostLimits,
): AppError | null {
  const estimate = estimateQueryCost(schema, document, operationName, variables, limits);
  if (estimate.kind === "invalid-variables") return null;
  if (estimate.kind === "too-large") return QueryTooCostlyError.forSelections(estimate.selections, limits.maxCost);
  if (estimate.oversizedFirst !== null) return new PageTooLargeError(estimate.oversizedFirst, limits.maxPageSize);
  return estimate.cost > limits.maxCost ? new QueryTooCostlyError(estimate.cost, limits.maxCost) : null;
}

function listSize(first: number | null, isList: boolean, parentTypeName: string, options: QueryCostOptions): number {
  if (first !== null) return Math.min(Math.max(first, 0), options.maxPageSize);
  if (!isList) return 1;
  return parentTypeName.endsWith(CONNECTION_SUFFIX) ? 1 : options.assumedListSize;
}
