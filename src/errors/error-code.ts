/** Stable codes clients can rely on; they appear as `extensions.code`. */
export enum ErrorCode {
  BadUserInput = "BAD_USER_INPUT",
  NotFound = "NOT_FOUND",
  Unauthenticated = "UNAUTHENTICATED",
  Forbidden = "FORBIDDEN",
  Conflict = "CONFLICT",
  Internal = "INTERNAL_SERVER_ERROR",
}
