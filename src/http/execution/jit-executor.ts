import { GraphQLError, OperationTypeNode, getVariableValues, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { BoundedCache } from "../../common/bounded-cache";
import type { OperationExecutor, PreparedOperation } from "./operation-executor";
import { variablesNeedGraphqlJs } from "./jit-variable-gap";

/** Distinct documents kept compiled; a client inventing new ones each time only evicts the oldest. */
export const MAX_COMPILED_QUERIES = 500;

export interface JitExecutorOptions {
  /** What runs the operations graphql-jit does not take (subscriptions, documents it cannot compile). */
  fallback: OperationExecutor;
  maxCompiledQueries?: number;
  onCompileFailure?: (operation: PreparedOperation, reason: unknown) => void;
}

/**
 * Executes operations with graphql-jit: each document (and operation name) is compiled to a JavaScript function
 * once and kept in a bounded cache. Results match graphql-js's: the same resolvers run with the request's context,
 * and whatever could differ goes to the fallback instead: subscriptions, documents jit cannot compile or whose
 * variables it would coerce differently (jit-variable-gap.ts), and variables graphql-js refuses (so a bad
 * variable gets graphql-js's error and its 400).
 */
export class JitExecutor {
  /** null remembers that a document went to the fallback, so it is not compiled again. */
  private readonly compiled: BoundedCache<string, CompiledQuery | null>;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: JitExecutorOptions,
  ) {
    this.compiled = new BoundedCache(options.maxCompiledQueries ?? MAX_COMPILED_QUERIES);
  }

  /** Compiled documents held now (tests read it). */
  get cachedQueries(): number {
    return this.compiled.size;
  }

  readonly execute: OperationExecutor = async (prepared) => {
    const compiled = this.compiledFor(prepared);
    if (!compiled || !this.variablesAccepted(prepared)) return this.options.fallback(prepared);
    const result = await compiled.query(undefined, prepared.contextValue, prepared.variables ?? {});
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };

  private compiledFor(prepared: PreparedOperation): CompiledQuery | null {
    // No operation resolved: graphql-js says why, and Apollo answers 400 OPERATION_RESOLUTION_FAILURE from it.
    if (!prepared.operation || prepared.operation.operation === OperationTypeNode.SUBSCRIPTION) return null;
    const key = `${prepared.queryHash}:${prepared.operationName ?? ""}`;
    let compiled = this.compiled.get(key);
    if (compiled === undefined) {
      compiled = this.compile(prepared, prepared.operation);
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  private compile(prepared: PreparedOperation, operation: OperationDefinitionNode): CompiledQuery | null {
    if (variablesNeedGraphqlJs(this.schema, operation.variableDefinitions)) return null;
    try {
      const compiled = compileQuery(this.schema, prepared.document, prepared.operationName ?? undefined);
      if (isCompiledQuery(compiled)) return compiled;
      this.options.onCompileFailure?.(prepared, compiled.errors);
    } catch (error) {
      this.options.onCompileFailure?.(prepared, error);
    }
    return null;
  }

  private variablesAccepted({ operation, variables }: PreparedOperation): boolean {
    if (!operation?.variableDefinitions?.length) return true;
    return !getVariableValues(this.schema, operation.variableDefinitions, variables ?? {}).errors;
  }
}

/**
 * graphql-jit's errors are its own GraphQLError look-alikes (read-only message, no nodes). Rebuilt as graphql-js
 * errors with the same message, path, locations and original error, Apollo's pipeline, our plugins and the error
 * formatter treat them exactly as graphql-js's.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
  return Object.assign(rebuilt, { locations: error.locations });
}
