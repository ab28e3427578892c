import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import { AppError } from "./app-error";
import { ErrorCode } from "./error-code";
import { isStorageFault } from "./storage-fault";

/** Codes produced by GraphQL itself (parsing, validation, variable coercion) that are safe to pass on. */
const PASSED_THROUGH_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
]);

/** graphql-js stops coercing variables after 50 errors with one more error of its own, which Apollo leaves without a code. */
const VARIABLE_ERROR_LIMIT = /^Too many errors processing variables/;

const STORAGE_MESSAGE = "The database did not answer. Retry later";

type ErrorLogger = (error: unknown) => void;

function flattenValidationErrors(errors: ValidationError[], prefix = ""): { field: string; problem: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function formatValidationError(error: ArgumentValidationError, path: GraphQLFormattedError["path"]): GraphQLFormattedError {
  const problems = flattenValidationErrors(error.extensions.validationErrors);
  const message = problems.map((p) => `${p.field}: ${p.problem}`).join("; ") || "Invalid input";
  return {
    message,
    path,
    extensions: { code: ErrorCode.BadUserInput, field: problems[0]?.field, problems },
  };
}

/** An AppError thrown anywhere, including inside a GraphQLError built by Apollo or by our own plugins. */
function findAppError(error: unknown): AppError | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof AppError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return null;
}

/** The one place that decides what a client sees of an error: a stable code, a message, never a stack. */
export function createErrorFormatter(logError: ErrorLogger) {
  return (formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError => {
    const error = unwrapResolverError(raw);
    const appError = findAppError(error);
    if (appError) {
      const extensions: Record<string, unknown> = { code: appError.code };
      if (appError.field) extensions.field = appError.field;
      if (appError.details) Object.assign(extensions, appError.details);
      return { message: appError.message, path: formatted.path, locations: formatted.locations, extensions };
    }
    if (error instanceof ArgumentValidationError) return formatValidationError(error, formatted.path);
    const code = VARIABLE_ERROR_LIMIT.test(formatted.message) ? ErrorCode.BadUserInput : formatted.extensions?.code;
    if (typeof code === "string" && PASSED_THROUGH_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    // A read the database could not answer (a dropped connection, a closed handle) is the database's fault, not ours.
    if (isStorageFault(error)) return { message: STORAGE_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.StorageUnavailable } };
    logError(error);
    return { message: "Internal server error", path: formatted.path, extensions: { code: ErrorCode.Internal } };
  };
}
