import { AppError } from "./app-error";
import { ErrorCode } from "./error-code";

/**
 * Requests refused by a limit (src/http/limits). Each names the limit and its value, so a client can tell
 * what to change, and carries both numbers in `extensions`.
 */
export class QueryTooDeepError extends AppError {
  constructor(depth: number, maxDepth: number) {
    super(ErrorCode.QueryTooDeep, `The query nests fields ${depth} levels deep (the depth limit is ${maxDepth})`, undefined, { depth, maxDepth });
  }
}

export class QueryTooCostlyError extends AppError {
  constructor(cost: number, maxCost: number) {
    super(
      ErrorCode.QueryTooCostly,
      `The query's estimated cost is ${cost}, above the cost limit of ${maxCost}: ask for smaller pages (first) or fewer nested lists`,
      undefined,
      { cost, maxCost },
    );
  }

  /** Fragments spread into fragments can expand past what the estimator walks: refused without a number. */
  static forSelections(maxSelections: number, maxCost: number): AppError {
    const message = `The query expands to more than ${maxSelections} selections once its fragments are spread, above the cost limit of ${maxCost}`;
    return new AppError(ErrorCode.QueryTooCostly, message, undefined, { maxSelections, maxCost });
  }
}

export class TooManyAliasesError extends AppError {
  constructor(aliases: number, maxAliases: number) {
    super(ErrorCode.TooManyAliases, `The query uses ${aliases} aliases (the alias limit is ${maxAliases})`, undefined, { aliases, maxAliases });
  }
}

export class TooManyTokensError extends AppError {
  constructor(maxTokens: number) {
    super(ErrorCode.TooManyTokens, `The query has more than ${maxTokens} tokens (the token limit is ${maxTokens})`, undefined, { maxTokens });
  }
}

export class TooManyOperationsError extends AppError {
  constructor(operations: number, maxOperations: number) {
    const message =
      maxOperations === 1
        ? "Batched operations are switched off (the operation limit is 1): send one operation per request"
        : `The request batches ${operations} operations (the operation limit is ${maxOperations})`;
    super(ErrorCode.TooManyOperations, message, undefined, { operations, maxOperations });
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super(ErrorCode.PayloadTooLarge, `The request body is larger than the body size limit of ${maxBytes} bytes`, undefined, { maxBytes });
  }
}

export class BadRequestError extends AppError {
  constructor(message: string) {
    super(ErrorCode.BadRequest, message);
  }
}

export class RateLimitedError extends AppError {
  constructor(limitPerMinute: number, retryAfterSeconds: number) {
    super(ErrorCode.RateLimited, `Too many requests: the rate limit is ${limitPerMinute} requests per minute; retry in ${retryAfterSeconds} s`, undefined, {
      limitPerMinute,
      retryAfterSeconds,
    });
  }
}

export class ExecutionTimeoutError extends AppError {
  constructor(timeoutMs: number) {
    super(ErrorCode.ExecutionTimeout, `The request did not finish within the execution time budget of ${timeoutMs} ms`, undefined, { timeoutMs });
  }
}

/** First page size above the cap, refused before execution as the resolvers' own argument check would. */
export class PageTooLargeError extends AppError {
  constructor(first: number, maxPageSize: number) {
    super(ErrorCode.BadUserInput, `first must not be greater than ${maxPageSize} (the page size limit), got ${first}`, "first", { maxPageSize });
  }
}
