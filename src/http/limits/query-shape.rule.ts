import type { ASTVisitor, ValidationContext, ValidationRule } from "graphql";
import { toGraphQLError } from "../../errors/to-graphql-error";
import { QueryTooDeepError, TooManyAliasesError } from "../../errors/limit-errors";
import { measureSelections } from "./operation-shape";

export interface QueryShapeLimits {
  maxDepth: number;
  maxAliases: number;
}

/**
 * A validation rule: Apollo runs it with graphql's own rules, after parsing and before anything executes, and
 * caches the verdict with the validated document. The error wraps an AppError, so the formatter gives it its
 * own code (QUERY_TOO_DEEP, TOO_MANY_ALIASES) instead of GRAPHQL_VALIDATION_FAILED.
 */
export function createQueryShapeRule({ maxDepth, maxAliases }: QueryShapeLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const shape = measureSelections(operation.selectionSet, (name) => context.getFragment(name));
      if (shape.depth > maxDepth) context.reportError(toGraphQLError(new QueryTooDeepError(shape.depth, maxDepth)));
      if (shape.aliases > maxAliases) context.reportError(toGraphQLError(new TooManyAliasesError(shape.aliases, maxAliases)));
      return false; // nothing below an operation needs visiting again
    },
  });
}
