import { AppError } from "./app-error";
import { ErrorCode } from "./error-code";

/** The WebSocket carries subscriptions only; queries and mutations go over HTTP, under its limits and logs. */
export class OperationNotAllowedError extends AppError {
  constructor(operation: string) {
    super(ErrorCode.OperationNotAllowed, `Only subscriptions run over WebSocket: send this ${operation} over HTTP (POST /graphql)`, undefined, { operation });
  }
}

export class TooManySubscriptionsError extends AppError {
  constructor(maxSubscriptions: number) {
    super(
      ErrorCode.TooManySubscriptions,
      `This socket already holds ${maxSubscriptions} active subscriptions (the limit per socket): complete one first`,
      undefined,
      { maxSubscriptions },
    );
  }
}

/** Sent as a close reason (at most 123 bytes): the code first, so a client can match on it. */
export class TooManySocketsError extends AppError {
  constructor(maxSockets: number) {
    super(ErrorCode.TooManySockets, `${ErrorCode.TooManySockets}: at most ${maxSockets} open sockets per user`, undefined, { maxSockets });
  }
}
