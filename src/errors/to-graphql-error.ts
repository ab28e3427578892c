import { GraphQLError } from "graphql";
import type { AppError } from "./app-error";
import { ErrorCode } from "./error-code";

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.QueryTooDeep]: 400,
  [ErrorCode.QueryTooCostly]: 400,
  [ErrorCode.TooManyAliases]: 400,
  [ErrorCode.TooManyTokens]: 400,
  [ErrorCode.TooManyOperations]: 400,
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.ExecutionTimeout]: 503,
  [ErrorCode.StorageUnavailable]: 503,
  // Never thrown before execution by GraphQL code; these are the statuses of the HTTP refusals (send-app-error.ts).
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.HeadersTooLarge]: 431,
  [ErrorCode.Internal]: 500,
  [ErrorCode.PersistedQueryHashMismatch]: 400,
  [ErrorCode.PersistedQueryVersionNotSupported]: 400,
};

/** The HTTP status an error code answers with, outside GraphQL execution (undefined: the caller decides). */
export function httpStatusOf(code: ErrorCode): number | undefined {
  return HTTP_STATUS[code];
}

/**
 * For errors raised before execution (context creation, request plugins), where Apollo takes the HTTP status
 * from the error itself. Resolver errors need no wrapping: format-error.ts handles them.
 */
export function toGraphQLError(error: AppError): GraphQLError {
  const status = HTTP_STATUS[error.code];
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, ...(status ? { http: { status } } : {}) },
  });
}
