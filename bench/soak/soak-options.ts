import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT, UsageError } from "../options";

export interface SoakOptions {
  durationSeconds: number;
  /** The load is cut into rounds; between two, clients idle and the outbox drains, and the state is checked. */
  rounds: number;
  clients: number;
  /** Gateway processes on the one database (each with its sync worker): 2+ needs PostgreSQL. */
  gateways: number;
  /** Linked pairs edited per module pair (Accounts↔Companies, Contacts↔Contacts, Products↔Services and Parts). */
  recordsPerPair: number;
  /** Share of edits made in a system directly and announced on its change feed (the rest: gateway mutations). */
  feedShare: number;
  /** Share of announcements sent twice. */
  duplicateShare: number;
  /** Longest wait between a direct write and its announcement: the window in which edits on both sides conflict. */
  announceDelayMs: number;
  drainTimeoutSeconds: number;
  seed: number;
  smoke: boolean;
  jsonPath: string;
  databaseUrl: string | null;
}

const USAGE = `Usage: npm run bench:soak -- [options]
  --duration S     Seconds of load (default 60)
  --rounds N       Rounds the load is cut into, each followed by a quiet check (default: one per 5 s)
  --clients N      Client processes editing at once (default 4)
  --gateways N     Gateway processes sharing the database and its outbox (default 1 on SQLite, 2 on PostgreSQL)
  --records N      Linked pairs edited per module pair (default 8)
  --feed-share F   Share of edits made outside the gateway and announced on a change feed (default 0.3)
  --announce-delay MS  Longest wait between a direct write and its announcement (default 300)
  --seed N         Clients' random seed (default 1)
  --json PATH      JSON report (default bench/results/soak.json)
  --smoke          Short run for CI: 6 s, 2 clients, 4 records per pair
Set DATABASE_URL=postgres://… to run on PostgreSQL (a fresh schema, dropped afterwards).`;

const ARGS = {
  duration: { type: "string" },
  rounds: { type: "string" },
  clients: { type: "string" },
  gateways: { type: "string" },
  records: { type: "string" },
  "feed-share": { type: "string" },
  "announce-delay": { type: "string" },
  seed: { type: "string" },
  json: { type: "string" },
  smoke: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

function numberOption(name: string, value: string | undefined, fallback: number, { integer = false, max = Number.POSITIVE_INFINITY } = {}): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0 || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be a positive ${integer ? "integer" : "number"}${max < Infinity ? ` up to ${max}` : ""}, got "${value}"`);
  }
  return n;
}

export function parseSoakOptions(argv: string[], env: NodeJS.ProcessEnv): SoakOptions {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof ARGS; strict: true }>>["values"];
  try {
    ({ values } = parseArgs({ args: argv, options: ARGS, strict: true }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const smoke = values.smoke ?? false;
  const durationSeconds = numberOption("duration", values.duration, smoke ? 6 : 60);
  const databaseUrl = env.DATABASE_URL || null;
  const gateways = numberOption("gateways", values.gateways, databaseUrl ? 2 : 1, { integer: true });
  // On SQLite the gateway process holds the only write connection (src/db/write-lock.ts).
  if (!databaseUrl && gateways > 1) throw new UsageError("--gateways above 1 needs PostgreSQL (DATABASE_URL)");
  return {
    smoke,
    durationSeconds,
    rounds: numberOption("rounds", values.rounds, smoke ? 3 : Math.max(1, Math.round(durationSeconds / 5)), { integer: true }),
    clients: numberOption("clients", values.clients, smoke ? 2 : 4, { integer: true, max: 99 }),
    gateways,
    recordsPerPair: numberOption("records", values.records, smoke ? 4 : 8, { integer: true }),
    feedShare: numberOption("feed-share", values["feed-share"], 0.3, { max: 1 }),
    duplicateShare: 0.25,
    announceDelayMs: numberOption("announce-delay", values["announce-delay"], 300, { integer: true }),
    drainTimeoutSeconds: 60,
    seed: numberOption("seed", values.seed, 1, { integer: true }),
    jsonPath: path.resolve(values.json ?? path.join(REPO_ROOT, "bench", "results", "soak.json")),
    databaseUrl,
  };
}
