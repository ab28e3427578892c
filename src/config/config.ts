import path from "node:path";

/** Everything the gateway reads from the environment, parsed once. The only reader of process.env. */
export interface Config {
  port: number;
  host: string;
  /** postgres://… selects PostgreSQL; unset means the embedded SQLite file. */
  databaseUrl: string | null;
  /** PostgreSQL schema to work in (search_path); tests give each file its own. */
  databaseSchema: string | null;
  sqlitePath: string;
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
  /** Records per initial-sync batch (one transaction each; the job's position is saved with every batch). */
  initialSyncBatchSize: number;
  /** Shared secret of the change-feed endpoints (POST /hooks/crm, /hooks/fsm); unset disables them. */
  hookSecret: string | null;
  /** smtp://user:pass@host:port (smtps:// for implicit TLS) for admin mail; unset keeps mail in the local outbox. */
  smtpUrl: string | null;
  /** Sender address of the gateway's mail. */
  mailFrom: string;
  /** Request limits, each refused before execution with its own code (README "Limits"). Deepest field nesting. */
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
  /** The CRM's API domain of the org's data centre (CRM_API_URL), e.g. https://www.zohoapis.eu; "/crm/v8" is added. */
  crmApiUrl: string;
  /** The FSM's API host of the org's data centre (FSM_API_URL), e.g. https://fsm.zoho.eu; "/fsm/v1" is added. */
  fsmApiUrl: string;
  /** Zoho Accounts server of the data centre (ZOHO_ACCOUNTS_URL), where access tokens are issued. */
  zohoAccountsUrl: string;
  /** OAuth client (ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET) and the org's refresh token (ZOHO_REFRESH_TOKEN). */
  zohoClientId: string | null;
  zohoClientSecret: string | null;
  zohoRefreshToken: string | null;
  /** A fixed access token (ZOHO_ACCESS_TOKEN) for the plain transport: tests and short manual sessions. */
  zohoAccessToken: string | null;
}

export const GRAPHQL_EXECUTORS = ["jit", "graphql-js"] as const;
export type GraphqlExecutorKind = (typeof GRAPHQL_EXECUTORS)[number];

export const CONNECTORS = ["embedded", "zoho"] as const;
export type ConnectorKind = (typeof CONNECTORS)[number];

export type ConfigOverrides = Partial<Config>;

function readBoolean(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return ["1", "true", "yes", "on"].includes(value.toLowerCase());
}

function readNumber(name: string, value: string | undefined, fallback: number, min: number, max = Number.POSITIVE_INFINITY, integer = false): number {
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max || (integer && !Number.isInteger(number))) {
    throw new Error(`${name} must be ${integer ? "an integer" : "a number"} from ${min}${max === Number.POSITIVE_INFINITY ? " up" : ` to ${max}`}, got "${value}"`);
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
  return {
    port: readPort(env.PORT, 4000),
    host: env.HOST || "0.0.0.0",
    databaseUrl: env.DATABASE_URL || null,
    databaseSchema: env.DATABASE_SCHEMA || null,
    sqlitePath: env.SQLITE_PATH || path.join(process.cwd(), "data", "gateway.sqlite"),
    seedDemoData: readBoolean(env.SEED_DEMO_DATA, true),
    production,
    crmBaseUrl: (env.CRM_BASE_URL || "https://crm.example.com").replace(/\/$/, ""),
    fsmBaseUrl: (env.FSM_BASE_URL || "https://fsm.example.com").replace(/\/$/, ""),
    logLevel: env.LOG_LEVEL || "info",
    metricsToken: env.METRICS_TOKEN || null,
    shutdownTimeoutMs: readNumber("SHUTDOWN_TIMEOUT_SECONDS", env.SHUTDOWN_TIMEOUT_SECONDS, 25, 1, 3600) * 1000,
    syncWorker: readBoolean(env.SYNC_WORKER, true),
    syncPollIntervalMs: Number(env.SYNC_POLL_INTERVAL_MS || 1000),
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
    massDeletePercent: readNumber("MASS_DELETE_PERCENT", env.MASS_DELETE_PERCENT, 20, 0, 100),
    massDeleteMinCount: readNumber("MASS_DELETE_MIN_COUNT", env.MASS_DELETE_MIN_COUNT, 10, 1, Number.POSITIVE_INFINITY, true),
    massDeleteWindowMs: readNumber("MASS_DELETE_WINDOW_MINUTES", env.MASS_DELETE_WINDOW_MINUTES, 10, 0) * 60_000,
    playground,
    introspection: readBoolean(env.INTROSPECTION, playground),
    dataLoaderBatching: readBoolean(env.DATALOADER_BATCHING, true),
    graphqlExecutor: readChoice("GRAPHQL_EXECUTOR", env.GRAPHQL_EXECUTOR, GRAPHQL_EXECUTORS, "jit"),
    crmConnector: readChoice("CRM_CONNECTOR", env.CRM_CONNECTOR, CONNECTORS, "embedded"),
    fsmConnector: readChoice("FSM_CONNECTOR", env.FSM_CONNECTOR, CONNECTORS, "embedded"),
    crmApiUrl: (env.CRM_API_URL || "https://www.zohoapis.com").replace(/\/$/, ""),
    fsmApiUrl: (env.FSM_API_URL || "https://fsm.zoho.com").replace(/\/$/, ""),
    zohoAccountsUrl: (env.ZOHO_ACCOUNTS_URL || "https://accounts.zoho.com").replace(/\/$/, ""),
    zohoClientId: env.ZOHO_CLIENT_ID || null,
    zohoClientSecret: env.ZOHO_CLIENT_SECRET || null,
    zohoRefreshToken: env.ZOHO_REFRESH_TOKEN || null,
    zohoAccessToken: env.ZOHO_ACCESS_TOKEN || null,
    ...overrides,
  };
}
