import { AppError } from "./app-error";
import { ErrorCode } from "./error-code";

/**
 * HTTP refusals outside GraphQL execution (src/http/limits): answered as JSON in GraphQL's error shape by
 * send-app-error.ts, so a client parses one shape whatever went wrong, and never express's HTML page.
 */
export class RouteNotFoundError extends AppError {
  constructor(method: string, path: string) {
    super(ErrorCode.NotFound, `No route for ${method} ${path}: the GraphQL endpoint is /graphql`, undefined, { method });
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(
    method: string,
    readonly allowed: readonly string[],
  ) {
    super(ErrorCode.MethodNotAllowed, `${method} is not allowed here: use ${allowed.join(" or ")}`, undefined, { allowed: [...allowed] });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(contentType: string | undefined) {
    const sent = contentType ? `"${contentType.slice(0, 100)}"` : "no Content-Type";
    super(ErrorCode.UnsupportedMediaType, `The request body must be JSON (Content-Type: application/json), got ${sent}`);
  }
}

export class HeadersTooLargeError extends AppError {
  constructor() {
    super(ErrorCode.HeadersTooLarge, "The request line and headers are larger than the server accepts (16 KiB): send the query in a POST body");
  }
}

/** A body-parser or express failure that carries a 4xx status of its own (charset, encoding, aborted body…). */
export class HttpRequestError extends AppError {
  constructor(code: ErrorCode, message: string) {
    super(code, message);
  }
}

export class PersistedQueryHashMismatchError extends AppError {
  constructor() {
    super(ErrorCode.PersistedQueryHashMismatch, "The persisted query's sha256Hash is not the SHA-256 of the query sent with it");
  }
}

export class PersistedQueryVersionNotSupportedError extends AppError {
  constructor() {
    super(ErrorCode.PersistedQueryVersionNotSupported, "Only version 1 of automatic persisted queries is supported (extensions.persistedQuery.version: 1)");
  }
}
