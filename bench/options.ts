import path from "node:path";
import { parseArgs } from "node:util";
import { BENCH_SCALE } from "../src/seed/demo-scale";

/** The repository root, from dist/bench/*.js or bench/*.ts alike. */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");

export interface BenchOptions {
  /** Accounts in the generated organisation; everything else scales with BENCH_SCALE's per-account figures. */
  accounts: number;
  /** Seconds of measured load per scenario and server. */
  durationSeconds: number;
  /** Seconds of unmeasured load before each measurement (JIT, caches). */
  warmupSeconds: number;
  connections: number;
  /** Where the JSON report goes. */
  jsonPath: string;
  smoke: boolean;
  /** postgres://… runs the gateway (and the baseline) on PostgreSQL in a fresh schema; null means SQLite. */
  databaseUrl: string | null;
  /** CRM Accounts of scenario (e)'s unsynced organisation (five Contacts each); 0 skips (e). */
  syncAccounts: number;
  /** Letters of the scenarios (a)–(d) to run; the scale check runs with (a). */
  scenarios: string[];
}

const SCENARIO_LETTERS = ["a", "b", "c", "d"];

const USAGE = `Usage: npm run bench -- [options]
  --accounts N       Accounts to generate; everything else scales with them (default ${BENCH_SCALE.accounts}, BENCH_SCALE)
  --duration S       Seconds of measured load per row (default 10)
  --warmup S         Seconds of unmeasured load first (default 2)
  --connections C    Concurrent connections of the reads (default 10; the edit runs one at a time)
  --sync-accounts N  Accounts (5 Contacts each) of the initial-sync scenario (e) (default: a quarter of --accounts; 0 skips it)
  --scenarios LIST   Which of (a)-(d) to run, e.g. "a,d" (default: all; the scale check runs with (a))
  --json PATH        JSON report (default bench/results/latest.json)
  --smoke            Tiny run for CI: 50 accounts, 2 connections, 0.5 s warm-up + 2 s per row
Set DATABASE_URL=postgres://… to run on PostgreSQL (a fresh schema, dropped afterwards).`;

/** A bad command line: reported with the usage text, not a stack. */
export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = "UsageError";
  }
}

function numberOption(name: string, value: string | undefined, fallback: number, { integer = false, zero = false } = {}): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || (n === 0 && !zero) || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be a ${zero ? "non-negative" : "positive"} ${integer ? "integer" : "number"}, got "${value}"`);
  }
  return n;
}

const ARGS = {
  accounts: { type: "string" },
  duration: { type: "string" },
  warmup: { type: "string" },
  connections: { type: "string" },
  "sync-accounts": { type: "string" },
  scenarios: { type: "string" },
  json: { type: "string" },
  smoke: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
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
  const accounts = numberOption("accounts", values.accounts, smoke ? 50 : BENCH_SCALE.accounts, { integer: true });
  return {
    smoke,
    accounts,
    // A quarter of the dataset keeps (e) within the run's 10-minute budget on PostgreSQL too.
    syncAccounts: numberOption("sync-accounts", values["sync-accounts"], Math.ceil(accounts / 4), { integer: true, zero: true }),
    durationSeconds: numberOption("duration", values.duration, smoke ? 2 : 10),
    warmupSeconds: numberOption("warmup", values.warmup, smoke ? 0.5 : 2, { zero: true }),
    // Smoke: few connections, so even a busy CI machine answers some requests within the short load.
    connections: numberOption("connections", values.connections, smoke ? 2 : 10, { integer: true }),
    scenarios: scenarioLetters(values.scenarios),
    jsonPath: path.resolve(values.json ?? path.join(REPO_ROOT, "bench", "results", "latest.json")),
    databaseUrl: env.DATABASE_URL || null,
  };
}

function scenarioLetters(value: string | undefined): string[] {
  if (value === undefined) return SCENARIO_LETTERS;
  const letters = value
    .split(",")
    .map((letter) => letter.trim().toLowerCase())
    .filter(Boolean);
  const unknown = letters.filter((letter) => !SCENARIO_LETTERS.includes(letter));
  if (!letters.length || unknown.length) throw new UsageError(`--scenarios must list some of ${SCENARIO_LETTERS.join(", ")}, got "${value}"`);
  return SCENARIO_LETTERS.filter((letter) => letters.includes(letter));
}
