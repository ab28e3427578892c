import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "./options";
import { machineInfo } from "./report";
import { formatTable } from "./table";
import { INITIAL_SYNC_NOTES, measureInitialSync, type InitialSyncMeasurement, type InitialSyncSettings } from "./initial-sync/measure-initial-sync";

/**
 * `npm run bench:initial-sync [-- --accounts N --contacts N --duplicates 0.3 --batch N --smoke --cpu-prof --json PATH]`
 *
 * Times the initial sync (Overwrite) of a generated organisation that has never been synced (initial-sync/):
 * the organisation is seeded in this process, the sync runs in a child process (the real gateway, sync worker off),
 * then the result is checked from SQL: the job COMPLETED with done == total, every CRM record linked once, each
 * duplicate to its twin, no FSM record twice. Exit 1 otherwise. `npm run bench` runs the same measurement as its
 * scenario (e), at a smaller scale.
 */

interface Options extends InitialSyncSettings {
  smoke: boolean;
  jsonPath: string;
  databaseUrl: string | null;
}

const USAGE = `Usage: npm run bench:initial-sync -- [options]
  --accounts N      CRM Accounts (default 10000)
  --contacts N      CRM Contacts (default 50000)
  --duplicates F    Share of Accounts and Contacts also on the FSM side, unlinked (default 0.3)
  --batch N         Initial-sync page size (default: INITIAL_SYNC_BATCH_SIZE or 200)
  --smoke           Tiny run for CI: 200 Accounts, 1000 Contacts
  --cpu-prof        Write a V8 CPU profile of the sync process to bench/results/cpu-profiles/
  --json PATH       JSON report (default bench/results/initial-sync.json)
Set DATABASE_URL=postgres://… to run on PostgreSQL (a fresh schema, dropped afterwards).`;

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      accounts: { type: "string" },
      contacts: { type: "string" },
      duplicates: { type: "string" },
      batch: { type: "string" },
      smoke: { type: "boolean", default: false },
      "cpu-prof": { type: "boolean", default: false },
      json: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const positive = (name: string, value: string | undefined, fallback: number, integer = true) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
      throw new Error(`--${name} must be a positive ${integer ? "integer" : "number"}, got "${value}"\n${USAGE}`);
    return n;
  };
  const smoke = values.smoke ?? false;
  const duplicateShare = positive("duplicates", values.duplicates, 0.3, false);
  if (duplicateShare > 1) throw new Error(`--duplicates must be at most 1\n${USAGE}`);
  return {
    smoke,
    accounts: positive("accounts", values.accounts, smoke ? 200 : 10_000),
    contacts: positive("contacts", values.contacts, smoke ? 1_000 : 50_000),
    duplicateShare,
    batchSize: positive("batch", values.batch, Number(env.INITIAL_SYNC_BATCH_SIZE || 200)),
    cpuProfDir: values["cpu-prof"] ? path.join(REPO_ROOT, "bench", "results", "cpu-profiles") : null,
    jsonPath: path.resolve(values.json ?? path.join(REPO_ROOT, "bench", "results", "initial-sync.json")),
    databaseUrl: env.DATABASE_URL || null,
  };
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

/** The table of one measurement. */
function initialSyncTable(m: InitialSyncMeasurement, batchSize: number): string {
  const f = m.figures;
  // A sampling timer that never fired: the event loop was blocked for the whole sync.
  const stall = f.peakHeapUsedBytes ? f.longestEventLoopStallMs.toFixed(0) : `≥ ${f.longestEventLoopStallMs.toFixed(0)}`;
  return formatTable(
    [
      [
        "store",
        "batch",
        "records",
        "time s",
        "records/s",
        "CRM records/s",
        "peak RSS MB",
        "RSS before MB",
        "peak heap MB",
        "longest stall ms",
        "SQL/CRM record",
        "CPU s",
      ],
      [
        m.dataset.store,
        String(batchSize),
        String(m.job.done),
        f.seconds.toFixed(1),
        f.recordsPerSecond.toFixed(0),
        f.crmRecordsPerSecond.toFixed(0),
        mb(f.peakRssBytes),
        mb(f.rssBeforeBytes),
        f.peakHeapUsedBytes ? mb(f.peakHeapUsedBytes) : "n/a",
        stall,
        f.statementsPerCrmRecord.toFixed(1),
        (f.cpuUserSeconds + f.cpuSystemSeconds).toFixed(1),
      ],
    ],
    1,
  );
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const startedAt = new Date();
  const started = performance.now();
  const loadAtStart = os.loadavg()[0];
  const log = (line: string) => process.stdout.write(`[bench:initial-sync ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);

  const measurement = await measureInitialSync(options, options.databaseUrl, log);
  const { job, dataset } = measurement;
  const machine = machineInfo();
  const load = { atStart: loadAtStart, atEnd: os.loadavg()[0] };
  const notes = [
    ...(Math.max(load.atStart, load.atEnd) > machine.cpus * 0.75
      ? [
          `the machine was busy (1-minute load average ${load.atStart.toFixed(1)} at the start, ${load.atEnd.toFixed(1)} at the end, on ${machine.cpus} CPUs): wall-clock figures are pessimistic, CPU s is steadier.`,
        ]
      : []),
    ...INITIAL_SYNC_NOTES,
    ...measurement.problems.map((f) => `FAILED ${f}`),
  ];
  const report = {
    kind: "initial-sync",
    startedAt: startedAt.toISOString(),
    totalSeconds: (performance.now() - started) / 1000,
    machine: { ...machine, loadAverage: load },
    options: {
      accounts: options.accounts,
      contacts: options.contacts,
      duplicateShare: options.duplicateShare,
      batchSize: options.batchSize,
      smoke: options.smoke,
      cpuProf: options.cpuProfDir !== null,
    },
    ...measurement,
    notes,
  };
  fs.mkdirSync(path.dirname(options.jsonPath), { recursive: true });
  fs.writeFileSync(options.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    [
      "",
      `Initial sync benchmark ${report.startedAt} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.platform}, node ${machine.node}`,
      `Dataset: ${dataset.store}, CRM ${dataset.crm.accounts} Accounts + ${dataset.crm.contacts} Contacts; FSM ${dataset.fsm.companies} Companies + ${dataset.fsm.contacts} Contacts (duplicates, unlinked); seeded in ${dataset.seedSeconds.toFixed(1)} s`,
      `Job ${job.id}: ${job.state}, ${job.done}/${job.total}, ${Object.entries(job.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
      "",
      initialSyncTable(measurement, options.batchSize),
      "",
      ...notes.map((n) => `Note: ${n}`),
      `JSON: ${path.relative(process.cwd(), options.jsonPath) || options.jsonPath}`,
      "",
    ].join("\n"),
  );
  return measurement.problems.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`bench:initial-sync failed: ${text.length > 4000 ? `${text.slice(0, 4000)}…` : text}`);
    process.exit(1);
  },
);
