/** Stable codes clients can rely on; they appear as `extensions.code`. */
export enum ErrorCode {
  BadUserInput = "BAD_USER_INPUT",
  NotFound = "NOT_FOUND",
  Unauthenticated = "UNAUTHENTICATED",
  Forbidden = "FORBIDDEN",
  Conflict = "CONFLICT",
  /** Deleting a Deal or Sales Order that FSM records belong to (src/crm/writes/fsm-children-guard.ts). */
  ParentOfFsmRecords = "PARENT_OF_FSM_RECORDS",
  /** Linking an FSM record to a Deal or Sales Order of another customer without `allowOtherCustomer: true`. */
  CrossCustomerLink = "CROSS_CUSTOMER_LINK",
  /** An FSM record others depend on (a Request with Estimates, a Work Order with appointments…), or work already done. */
  DeleteNotAllowed = "DELETE_NOT_ALLOWED",
  Internal = "INTERNAL_SERVER_ERROR",
  /** Installation prerequisites, each with its own code so the admin knows what to do. */
  CrmEditionNotSupported = "CRM_EDITION_NOT_SUPPORTED",
  FsmEditionNotSupported = "FSM_EDITION_NOT_SUPPORTED",
  FinanceSuiteIntegrated = "FINANCE_SUITE_INTEGRATED",
  MappingsIncomplete = "MAPPINGS_INCOMPLETE",
  NotInstalled = "NOT_INSTALLED",
  AlreadyInstalled = "ALREADY_INSTALLED",
  /** Request limits (src/http/limits), refused before execution. */
  QueryTooDeep = "QUERY_TOO_DEEP",
  QueryTooCostly = "QUERY_TOO_COSTLY",
  TooManyAliases = "TOO_MANY_ALIASES",
  TooManyTokens = "TOO_MANY_TOKENS",
  TooManyOperations = "TOO_MANY_OPERATIONS",
  PayloadTooLarge = "PAYLOAD_TOO_LARGE",
  BadRequest = "BAD_REQUEST",
  RateLimited = "RATE_LIMITED",
  ExecutionTimeout = "EXECUTION_TIMEOUT",
  /** GraphQL over WebSocket (src/http/websocket): subscriptions only, and caps per socket and per user. */
  OperationNotAllowed = "OPERATION_NOT_ALLOWED",
  TooManySubscriptions = "TOO_MANY_SUBSCRIPTIONS",
  TooManySockets = "TOO_MANY_SOCKETS",
  SlowConsumer = "SLOW_CONSUMER",
  /** HTTP refusals outside GraphQL (src/http/limits/http-fallbacks.ts, graphql-http-guard.ts). */
  MethodNotAllowed = "METHOD_NOT_ALLOWED",
  UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE",
  /** Refused by Node's HTTP parser before any route (src/http/limits/client-error.ts). */
  HeadersTooLarge = "HEADERS_TOO_LARGE",
  /** Automatic persisted queries (src/http/limits/persisted-query-errors.plugin.ts). */
  PersistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH",
  PersistedQueryVersionNotSupported = "PERSISTED_QUERY_VERSION_NOT_SUPPORTED",
  /** A vendor API (src/remote/transport) is down, rate-limited past our retries, or out of token requests. */
  VendorUnavailable = "VENDOR_UNAVAILABLE",
  /** A vendor API refused the gateway's OAuth credentials (refresh token, client, scopes, data centre). */
  VendorAuthFailed = "VENDOR_AUTH_FAILED",
  /** The database refused a write (disk full, I/O error, lost connection): nothing was saved, retry later. */
  StorageUnavailable = "STORAGE_UNAVAILABLE",
}
