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
  /** Run the background sync worker in this process. */
  syncWorker: boolean;
  syncPollIntervalMs: number;
  /** Shared secret of the change-feed endpoints (POST /hooks/crm, /hooks/fsm); unset disables them. */
  hookSecret: string | null;
  /** smtp://user:pass@host:port (smtps:// for implicit TLS) for admin mail; unset keeps mail in the local outbox. */
  smtpUrl: string | null;
  /** Sender address of the gateway's mail. */
  mailFrom: string;
}

export type ConfigOverrides = Partial<Config>;

function readBoolean(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return ["1", "true", "yes", "on"].includes(value.toLowerCase());
}

function readPort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${value}"`);
  return port;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const production = env.NODE_ENV === "production";
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
    syncWorker: readBoolean(env.SYNC_WORKER, true),
    syncPollIntervalMs: Number(env.SYNC_POLL_INTERVAL_MS || 1000),
    hookSecret: env.HOOK_SECRET || null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || "FSM-CRM Gateway <gateway@localhost>",
    ...overrides,
  };
}
