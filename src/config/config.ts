import path from "node:path";
import { DATA_CENTRE_HOSTS, ZOHO_DATA_CENTRES, type ZohoDataCentre } from "./data-centres";

/** Everything the gateway reads from the environment, parsed once. The only reader of process.env. */
export interface Config {
  port: number;
  host: string;
  /** postgres://… selects PostgreSQL; unset means the embedded SQLite file. */
  databaseUrl: string | null;
  /** PostgreSQL schema to work in (search_path); tests give each file its own. */
  databaseSchema: string | null;
  sqlitePath: string;
  /**
   * Where `npm start` writes the fresh admin token (ADMIN_TOKEN_FILE), readable by the owner only (0600); it is
   * never printed or logged. Default: `admin-token` next to the SQLite file (./data/admin-token), or in ./data
   * on PostgreSQL or with an in-memory database.
   */
  adminTokenFile: string;
  seedDemoData: boolean;
  production: boolean;
  crmBaseUrl: string;
  fsmBaseUrl: string;
  logLevel: string;
  /** Bearer token GET /metrics requires (METRICS_TOKEN); unset leaves the endpoint open. */
  metricsToken: string | null;
  /** Hard limit of a graceful shutdown (SHUTDOWN_TIMEOUT_SECONDS): after it the process exits with 1 whatever is left. */
  shutdownTimeoutMs: number;
  /** Run the background sync worker in this process. */
  syncWorker: boolean;
  syncPollIntervalMs: number;
  /**
   * Longest wait of the sync worker and the initial sync between retries while the database refuses writes
   * (STORAGE_RETRY_MAX_SECONDS); the waits double from 1 s up to it.
   */
  storageRetryMaxMs: number;
  /** Records per initial-sync batch (one transaction each; the job's position is saved with every batch). */
  initialSyncBatchSize: number;
  /** Shared secret of the change-feed endpoints (POST /hooks/crm, /hooks/fsm); unset disables them. */
  hookSecret: string | null;
  /** smtp://user:pass@host:port (smtps:// for implicit TLS) for admin mail; unset keeps mail in the local outbox. */
  smtpUrl: string | null;
  /** Sender address of the gateway's mail. */
  mailFrom: string;
  /** Request limits, each refused before execution with its own code (docs/security.md "Limits"). Deepest field nesting. */
  maxQueryDepth: number;
  /** Static cost ceiling: fields counted with list sizes multiplied (see src/http/limits/query-cost.ts). */
  maxQueryCost: number;
  /** The size the cost estimate assumes for a list without a `first` argument. */
  assumedListSize: number;
  maxAliases: number;
  /** GraphQL lexical tokens per document (comments don't count; the body size limit bounds them). */
  maxTokens: number;
  /** Operations per request; 1 switches batching (a JSON array body) off. */
  maxBatchedOperations: number;
  maxBodyBytes: number;
  /** Time budget of one GraphQL request once its body is read; 0 switches it off. */
  executionTimeoutMs: number;
  /** Requests per minute per bearer token (per client IP without one); 0 switches the limit off. */
  rateLimitPerMinute: number;
  /** "Did you mean …?" hints in error messages: on in development, off in production. */
  graphqlSuggestions: boolean;
  /** Active subscriptions one WebSocket may hold; a subscribe past it is refused with TOO_MANY_SUBSCRIPTIONS. */
  wsMaxSubscriptionsPerSocket: number;
  /** Open WebSockets per user; the next one is closed with 4029 TOO_MANY_SOCKETS. */
  wsMaxSocketsPerUser: number;
  /** Sockets one client address may hold before they pass connection_init; the next one is closed with 4029. */
  wsMaxUnauthenticatedSocketsPerAddress: number;
  /** Largest WebSocket message accepted; a bigger one closes the socket with 1009. */
  wsMaxMessageBytes: number;
  /** Unread bytes a WebSocket may have queued; past it the client is not reading and is cut off (1008 SLOW_CONSUMER). */
  wsMaxBufferedBytes: number;
  /** Time a new WebSocket has to send connection_init before it is closed with 4408. */
  wsConnectionInitTimeoutMs: number;
  /** How often open WebSockets' tokens are re-checked, so a revocation made by another process closes them too. */
  wsAuthSweepMs: number;
  /** Bounds of user input (docs/security.md "Input bounds"); each refusal is BAD_USER_INPUT naming the field. */
  inputLimits: InputLimits;
  /**
   * Automatic persisted queries (PERSISTED_QUERIES, default on): a client may send a query's SHA-256 instead of
   * its text once the gateway knows it. Off, such requests answer PERSISTED_QUERY_NOT_SUPPORTED.
   */
  persistedQueries: boolean;
  /**
   * Mass-delete guard: change-feed deletions are held for an admin when one announcement, or the module's
   * announced deletions within the window, would delete more than this percentage of the module's linked records…
   */
  massDeletePercent: number;
  /** …and at least this many of them (so small organisations are not blocked). */
  massDeleteMinCount: number;
  /** The sliding window over which a module's announced deletions add up. */
  massDeleteWindowMs: number;
  /** The GraphiQL page on GET /graphql (PLAYGROUND): on in development, off in production unless enabled. */
  playground: boolean;
  /** Schema introspection (INTROSPECTION): follows the playground switch unless set on its own. */
  introspection: boolean;
  /** DataLoader batching (DATALOADER_BATCHING); off only to measure what batching buys (the benchmark does). */
  dataLoaderBatching: boolean;
  /**
   * What executes GraphQL operations over HTTP (GRAPHQL_EXECUTOR): "jit" compiles each operation once with
   * graphql-jit (falling back to graphql-js for what it cannot compile), "graphql-js" is the reference executor.
   */
  graphqlExecutor: GraphqlExecutorKind;
  /** Where CRM records live (CRM_CONNECTOR): our own tables, or the vendor's REST API (Zoho CRM v8). */
  crmConnector: ConnectorKind;
  /** Where FSM records live (FSM_CONNECTOR): our own tables, or the vendor's REST API (Zoho FSM v1). */
  fsmConnector: ConnectorKind;
  /** The CRM's API domain (CRM_API_URL), e.g. https://www.zohoapis.eu; "/crm/v8" is added. Default: the data centre's. */
  crmApiUrl: string;
  /** The FSM's API host (FSM_API_URL), e.g. https://fsm.zoho.eu; "/fsm/v1" is added. Default: the data centre's. */
  fsmApiUrl: string;
  /** Zoho Accounts server (ZOHO_ACCOUNTS_URL), where access tokens are issued. Default: the data centre's. */
  zohoAccountsUrl: string;
  /** OAuth client (ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET): a Self Client or a server-based app. */
  zohoClientId: string | null;
  zohoClientSecret: string | null;
  /** The org's refresh token (ZOHO_REFRESH_TOKEN) when one holds both systems' scopes; see zoho.crmRefreshToken. */
  zohoRefreshToken: string | null;
  /** A fixed access token (ZOHO_ACCESS_TOKEN) for the plain transport: tests and short manual sessions. */
  zohoAccessToken: string | null;
  /** The vendors' REST APIs (src/remote/transport): data centre, per-system tokens, request budgets, change events. */
  zoho: ZohoConfig;
}

export interface ZohoConfig {
  /** ZOHO_DATA_CENTRE: picks the accounts server and the API hosts; the org's `location` at consent time. */
  dataCentre: ZohoDataCentre;
  /** CRM_REFRESH_TOKEN / FSM_REFRESH_TOKEN: a refresh token per system; unset, ZOHO_REFRESH_TOKEN serves both. */
  crmRefreshToken: string | null;
  fsmRefreshToken: string | null;
  /** Access tokens are refreshed this long before they expire (ZOHO_TOKEN_REFRESH_MARGIN_SECONDS). */
  tokenRefreshMarginMs: number;
  /** Token requests allowed per refresh token in tokenIssueWindowMs (ZOHO_TOKEN_ISSUE_LIMIT; Zoho: ~10 per 10 minutes). */
  tokenIssueLimit: number;
  tokenIssueWindowMs: number;
  /** Requests in flight per org at once (CRM_MAX_CONCURRENT_REQUESTS, FSM_MAX_CONCURRENT_REQUESTS); the CRM's limit is per edition. */
  crmMaxConcurrent: number;
  fsmMaxConcurrent: number;
  /** The org's rolling 24-hour budget, for the "remaining" gauge until the vendor reports it (CRM_DAILY_CREDITS, FSM_DAILY_CALLS). */
  crmDailyCredits: number;
  fsmDailyCalls: number;
  /** Retries of a 429, 5xx or network failure before the request fails as transient (ZOHO_MAX_RETRIES). */
  maxRetries: number;
  /** A Retry-After longer than this is not waited for inline: the request fails as transient and the org's budget pauses (ZOHO_MAX_RETRY_WAIT_SECONDS). */
  maxRetryWaitMs: number;
  /** One HTTP exchange's time limit (ZOHO_REQUEST_TIMEOUT_SECONDS). */
  requestTimeoutMs: number;
  /** Public HTTPS base URL of this gateway (GATEWAY_PUBLIC_URL): the CRM's notify_url is {it}/hooks/zoho/crm/notifications. */
  publicUrl: string | null;
  /** CRM_NOTIFICATION_TOKEN (≤ 50 characters): the channel token the CRM echoes on every callback; with publicUrl, enables the channel. */
  crmNotificationToken: string | null;
  /** CRM_NOTIFICATION_CHANNEL_ID: the channel's numeric id; derived from the callback URL when unset. */
  crmNotificationChannelId: string | null;
  /** How long each subscription runs (CRM_NOTIFICATION_CHANNEL_HOURS; v8 allows up to a week), and how early it is renewed. */
  crmChannelLifetimeMs: number;
  crmChannelRenewBeforeMs: number;
  /** FSM_WEBHOOK_KEY: the static key FSM workflow webhooks send (header X-FSM-Webhook-Key or ?key=); unset disables the route. */
  fsmWebhookKey: string | null;
}

function readDataCentre(value: string | undefined): ZohoDataCentre {
  const dc = (value || "com").trim().toLowerCase().replace(/^\./, "");
  if (!(ZOHO_DATA_CENTRES as readonly string[]).includes(dc)) {
    throw new Error(`ZOHO_DATA_CENTRE must be one of ${ZOHO_DATA_CENTRES.join(", ")}, got "${value}"`);
  }
  return dc as ZohoDataCentre;
}

function readUrl(name: string, value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).toString().replace(/\/$/, "");
  } catch {
    throw new Error(`${name} must be an absolute URL, got "${value}"`);
  }
}

/** The data centre's hosts unless overridden (an emulator, a proxy). */
function zohoHosts(env: NodeJS.ProcessEnv): Pick<Config, "crmApiUrl" | "fsmApiUrl" | "zohoAccountsUrl"> {
  const hosts = DATA_CENTRE_HOSTS[readDataCentre(env.ZOHO_DATA_CENTRE)];
  return {
    crmApiUrl: readUrl("CRM_API_URL", env.CRM_API_URL) ?? hosts.crm,
    fsmApiUrl: readUrl("FSM_API_URL", env.FSM_API_URL) ?? hosts.fsm,
    zohoAccountsUrl: readUrl("ZOHO_ACCOUNTS_URL", env.ZOHO_ACCOUNTS_URL) ?? hosts.accounts,
  };
}

function readZohoConfig(env: NodeJS.ProcessEnv): ZohoConfig {
  const notificationToken = env.CRM_NOTIFICATION_TOKEN || null;
  if (notificationToken && notificationToken.length > 50) throw new Error("CRM_NOTIFICATION_TOKEN must be at most 50 characters (the CRM's limit)");
  const channelId = env.CRM_NOTIFICATION_CHANNEL_ID || null;
  if (channelId && !/^[1-9][0-9]{0,17}$/.test(channelId)) throw new Error(`CRM_NOTIFICATION_CHANNEL_ID must be a positive integer, got "${channelId}"`);
  const lifetimeHours = readNumber("CRM_NOTIFICATION_CHANNEL_HOURS", env.CRM_NOTIFICATION_CHANNEL_HOURS, 24, 1, 168);
  return {
    dataCentre: readDataCentre(env.ZOHO_DATA_CENTRE),
    crmRefreshToken: env.CRM_REFRESH_TOKEN || null,
    fsmRefreshToken: env.FSM_REFRESH_TOKEN || null,
    tokenRefreshMarginMs: readNumber("ZOHO_TOKEN_REFRESH_MARGIN_SECONDS", env.ZOHO_TOKEN_REFRESH_MARGIN_SECONDS, 300, 0, 3000) * 1000,
    tokenIssueLimit: readNumber("ZOHO_TOKEN_ISSUE_LIMIT", env.ZOHO_TOKEN_ISSUE_LIMIT, 10, 1, 1000, true),
    tokenIssueWindowMs: 10 * 60_000,
    crmMaxConcurrent: readNumber("CRM_MAX_CONCURRENT_REQUESTS", env.CRM_MAX_CONCURRENT_REQUESTS, 10, 1, 100, true),
    fsmMaxConcurrent: readNumber("FSM_MAX_CONCURRENT_REQUESTS", env.FSM_MAX_CONCURRENT_REQUESTS, 10, 1, 100, true),
    crmDailyCredits: readNumber("CRM_DAILY_CREDITS", env.CRM_DAILY_CREDITS, 50_000, 1, Number.POSITIVE_INFINITY, true),
    fsmDailyCalls: readNumber("FSM_DAILY_CALLS", env.FSM_DAILY_CALLS, 25_000, 1, Number.POSITIVE_INFINITY, true),
    maxRetries: readNumber("ZOHO_MAX_RETRIES", env.ZOHO_MAX_RETRIES, 3, 0, 10, true),
    maxRetryWaitMs: readNumber("ZOHO_MAX_RETRY_WAIT_SECONDS", env.ZOHO_MAX_RETRY_WAIT_SECONDS, 60, 0, 3600) * 1000,
    requestTimeoutMs: readNumber("ZOHO_REQUEST_TIMEOUT_SECONDS", env.ZOHO_REQUEST_TIMEOUT_SECONDS, 30, 1, 600) * 1000,
    publicUrl: readUrl("GATEWAY_PUBLIC_URL", env.GATEWAY_PUBLIC_URL),
    crmNotificationToken: notificationToken,
    crmNotificationChannelId: channelId,
    crmChannelLifetimeMs: lifetimeHours * 3_600_000,
    crmChannelRenewBeforeMs: Math.min((lifetimeHours * 3_600_000) / 4, 3_600_000),
    fsmWebhookKey: env.FSM_WEBHOOK_KEY || null,
  };
}

export const GRAPHQL_EXECUTORS = ["jit", "graphql-js"] as const;
export type GraphqlExecutorKind = (typeof GRAPHQL_EXECUTORS)[number];

export const CONNECTORS = ["embedded", "zoho"] as const;
export type ConnectorKind = (typeof CONNECTORS)[number];

export type ConfigOverrides = Partial<Config>;

/** What one write may carry: custom fields are bounded before they are read, every string argument in any case. */
export interface InputLimits {
  /** CUSTOM_FIELDS_MAX_BYTES: a record's customFields as JSON, in UTF-8 bytes. */
  customFieldsMaxBytes: number;
  /** CUSTOM_FIELDS_MAX_KEYS: keys in a record's customFields, nested ones included. */
  customFieldsMaxKeys: number;
  /** CUSTOM_FIELDS_MAX_DEPTH: nesting of customFields (1: a flat object, as every custom field holds one value). */
  customFieldsMaxDepth: number;
  /** MAX_STRING_ARGUMENT_LENGTH: any string in any argument of any query or mutation (the longest vendor text area). */
  maxStringLength: number;
}

function readInputLimits(env: NodeJS.ProcessEnv): InputLimits {
  return {
    customFieldsMaxBytes: readNumber("CUSTOM_FIELDS_MAX_BYTES", env.CUSTOM_FIELDS_MAX_BYTES, 16_384, 2, 1024 * 1024, true),
    customFieldsMaxKeys: readNumber("CUSTOM_FIELDS_MAX_KEYS", env.CUSTOM_FIELDS_MAX_KEYS, 100, 1, 10_000, true),
    customFieldsMaxDepth: readNumber("CUSTOM_FIELDS_MAX_DEPTH", env.CUSTOM_FIELDS_MAX_DEPTH, 1, 1, 32, true),
    maxStringLength: readNumber("MAX_STRING_ARGUMENT_LENGTH", env.MAX_STRING_ARGUMENT_LENGTH, 32_000, 255, 1024 * 1024, true),
  };
}

function readBoolean(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return ["1", "true", "yes", "on"].includes(value.toLowerCase());
}

function readNumber(name: string, value: string | undefined, fallback: number, min: number, max = Number.POSITIVE_INFINITY, integer = false): number {
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max || (integer && !Number.isInteger(number))) {
    throw new Error(
      `${name} must be ${integer ? "an integer" : "a number"} from ${min}${max === Number.POSITIVE_INFINITY ? " up" : ` to ${max}`}, got "${value}"`,
    );
  }
  return number;
}

function readChoice<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined || value === "") return fallback;
  const choice = choices.find((c) => c === value.toLowerCase());
  if (!choice) throw new Error(`${name} must be one of ${choices.join(", ")}, got "${value}"`);
  return choice;
}

function readPort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${value}"`);
  return port;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const production = env.NODE_ENV === "production";
  const playground = overrides.playground ?? readBoolean(env.PLAYGROUND, !(overrides.production ?? production));
  const sqlitePath = env.SQLITE_PATH || path.join(process.cwd(), "data", "gateway.sqlite");
  return {
    port: readPort(env.PORT, 4000),
    host: env.HOST || "0.0.0.0",
    databaseUrl: env.DATABASE_URL || null,
    databaseSchema: env.DATABASE_SCHEMA || null,
    sqlitePath,
    adminTokenFile:
      env.ADMIN_TOKEN_FILE ||
      path.join(env.DATABASE_URL || sqlitePath === ":memory:" ? path.join(process.cwd(), "data") : path.dirname(sqlitePath), "admin-token"),
    seedDemoData: readBoolean(env.SEED_DEMO_DATA, true),
    production,
    crmBaseUrl: (env.CRM_BASE_URL || "https://crm.example.com").replace(/\/$/, ""),
    fsmBaseUrl: (env.FSM_BASE_URL || "https://fsm.example.com").replace(/\/$/, ""),
    logLevel: env.LOG_LEVEL || "info",
    metricsToken: env.METRICS_TOKEN || null,
    shutdownTimeoutMs: readNumber("SHUTDOWN_TIMEOUT_SECONDS", env.SHUTDOWN_TIMEOUT_SECONDS, 25, 1, 3600) * 1000,
    syncWorker: readBoolean(env.SYNC_WORKER, true),
    syncPollIntervalMs: Number(env.SYNC_POLL_INTERVAL_MS || 1000),
    storageRetryMaxMs: readNumber("STORAGE_RETRY_MAX_SECONDS", env.STORAGE_RETRY_MAX_SECONDS, 30, 1, 3600) * 1000,
    initialSyncBatchSize: Number(env.INITIAL_SYNC_BATCH_SIZE || 200),
    hookSecret: env.HOOK_SECRET || null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || "FSM-CRM Gateway <gateway@localhost>",
    maxQueryDepth: readNumber("MAX_QUERY_DEPTH", env.MAX_QUERY_DEPTH, 12, 1, 1000, true),
    maxQueryCost: readNumber("MAX_QUERY_COST", env.MAX_QUERY_COST, 1_000_000, 1, Number.POSITIVE_INFINITY, true),
    assumedListSize: readNumber("ASSUMED_LIST_SIZE", env.ASSUMED_LIST_SIZE, 20, 1, 10_000, true),
    maxAliases: readNumber("MAX_ALIASES", env.MAX_ALIASES, 50, 0, Number.POSITIVE_INFINITY, true),
    maxTokens: readNumber("MAX_TOKENS", env.MAX_TOKENS, 5000, 10, Number.POSITIVE_INFINITY, true),
    maxBatchedOperations: readNumber("MAX_BATCHED_OPERATIONS", env.MAX_BATCHED_OPERATIONS, 1, 1, 1000, true),
    maxBodyBytes: readNumber("MAX_BODY_BYTES", env.MAX_BODY_BYTES, 1024 * 1024, 1024, Number.POSITIVE_INFINITY, true),
    executionTimeoutMs: readNumber("EXECUTION_TIMEOUT_MS", env.EXECUTION_TIMEOUT_MS, 10_000, 0, 3_600_000, true),
    rateLimitPerMinute: readNumber("RATE_LIMIT_PER_MINUTE", env.RATE_LIMIT_PER_MINUTE, 600, 0, Number.POSITIVE_INFINITY, true),
    graphqlSuggestions: readBoolean(env.GRAPHQL_SUGGESTIONS, !(overrides.production ?? production)),
    wsMaxSubscriptionsPerSocket: readNumber("WS_MAX_SUBSCRIPTIONS_PER_SOCKET", env.WS_MAX_SUBSCRIPTIONS_PER_SOCKET, 100, 1, 100_000, true),
    wsMaxSocketsPerUser: readNumber("WS_MAX_SOCKETS_PER_USER", env.WS_MAX_SOCKETS_PER_USER, 20, 1, 100_000, true),
    wsMaxUnauthenticatedSocketsPerAddress: readNumber(
      "WS_MAX_UNAUTHENTICATED_SOCKETS_PER_ADDRESS",
      env.WS_MAX_UNAUTHENTICATED_SOCKETS_PER_ADDRESS,
      50,
      1,
      100_000,
      true,
    ),
    wsMaxMessageBytes: readNumber("WS_MAX_MESSAGE_BYTES", env.WS_MAX_MESSAGE_BYTES, 64 * 1024, 1024, 16 * 1024 * 1024, true),
    wsMaxBufferedBytes: readNumber("WS_MAX_BUFFERED_BYTES", env.WS_MAX_BUFFERED_BYTES, 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024, true),
    wsConnectionInitTimeoutMs: readNumber("WS_CONNECTION_INIT_TIMEOUT_MS", env.WS_CONNECTION_INIT_TIMEOUT_MS, 5_000, 100, 60_000, true),
    wsAuthSweepMs: readNumber("WS_AUTH_SWEEP_MS", env.WS_AUTH_SWEEP_MS, 1_000, 100, 1_000, true),
    inputLimits: readInputLimits(env),
    persistedQueries: readBoolean(env.PERSISTED_QUERIES, true),
    massDeletePercent: readNumber("MASS_DELETE_PERCENT", env.MASS_DELETE_PERCENT, 20, 0, 100),
    massDeleteMinCount: readNumber("MASS_DELETE_MIN_COUNT", env.MASS_DELETE_MIN_COUNT, 10, 1, Number.POSITIVE_INFINITY, true),
    massDeleteWindowMs: readNumber("MASS_DELETE_WINDOW_MINUTES", env.MASS_DELETE_WINDOW_MINUTES, 10, 0) * 60_000,
    playground,
    introspection: readBoolean(env.INTROSPECTION, playground),
    dataLoaderBatching: readBoolean(env.DATALOADER_BATCHING, true),
    graphqlExecutor: readChoice("GRAPHQL_EXECUTOR", env.GRAPHQL_EXECUTOR, GRAPHQL_EXECUTORS, "jit"),
    crmConnector: readChoice("CRM_CONNECTOR", env.CRM_CONNECTOR, CONNECTORS, "embedded"),
    fsmConnector: readChoice("FSM_CONNECTOR", env.FSM_CONNECTOR, CONNECTORS, "embedded"),
    ...zohoHosts(env),
    zohoClientId: env.ZOHO_CLIENT_ID || null,
    zohoClientSecret: env.ZOHO_CLIENT_SECRET || null,
    zohoRefreshToken: env.ZOHO_REFRESH_TOKEN || null,
    zohoAccessToken: env.ZOHO_ACCESS_TOKEN || null,
    zoho: readZohoConfig(env),
    ...overrides,
  };
}
