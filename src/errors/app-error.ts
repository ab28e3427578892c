import { ErrorCode } from "./error-code";

/** Base of every error the gateway throws on purpose; format-error.ts turns it into a GraphQL error. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field or argument the error is about, when there is one. */
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUserInputError extends AppError {
  constructor(field: string, message: string, details?: Record<string, unknown>) {
    super(ErrorCode.BadUserInput, message, field, details);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super(ErrorCode.NotFound, `${entity} "${id}" was not found`, "id", { entity, id });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Authentication required: send Authorization: Bearer <token>") {
    super(ErrorCode.Unauthenticated, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(ErrorCode.Forbidden, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, field?: string, details?: Record<string, unknown>) {
    super(ErrorCode.Conflict, message, field, details);
  }
}
