import "reflect-metadata";
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { Client } from "pg";
import { loadConfig, type Config } from "../src/config/config";
import { createLogger } from "../src/http/logger";
import { startGateway } from "../src/gateway";
import { bootstrapAdmin } from "../src/access/bootstrap-admin";
import { Random } from "../src/seed/random";
import * as words from "../src/seed/demo-vocabulary";
import { DuplicateMode, type InitialSyncJob } from "../src/sync/initial/initial-sync-job.entity";
import { REPO_ROOT } from "./options";
import { machineInfo } from "./report";

/**
 * `npm run bench:initial-sync [-- --accounts N --contacts N --duplicates 0.3 --batch N --smoke --cpu-prof --json PATH]`
 *
 * Times the initial sync (Overwrite) of a generated organisation that has never been synced:
 * 1. Dataset, in this process: a fresh SQLite file (or PostgreSQL schema when DATABASE_URL is set), migrated, with
 *    N CRM Accounts and M CRM Contacts (spread over the Accounts), and on the FSM side, unlinked, a share of them
 *    again as duplicates: a Company of the same name, a Contact with the same e-mail (in the twin Company when the
 *    Account has one).
 * 2. Sync, in a child process: the real gateway (startGateway, sync worker off) on that database starts the
 *    initial sync with `services.initialSync.start(OVERWRITE)` and waits for it (`idle()`); it reports its
 *    progress, the time, its peak RSS (getrusage maxRSS) and the SQL statements run. `--cpu-prof` profiles it.
 * 3. Check: the job COMPLETED with done == total, every CRM record linked once, each duplicate to its twin
 *    (counts), and the FSM side holds exactly the twins plus one counterpart per other record. Exit 1 otherwise.
 * 4. Report: a table, and the JSON (default bench/results/initial-sync.json).
 */

interface Options {
  accounts: number;
  contacts: number;
  duplicateShare: number;
  batchSize: number;
  smoke: boolean;
  cpuProf: boolean;
  jsonPath: string;
  databaseUrl: string | null;
}

interface Target {
  sqlitePath: string | null;
  databaseUrl: string | null;
  databaseSchema: string | null;
}

interface ChildPayload {
  target: Target;
  batchSize: number;
  adminId: string;
}

type FromChild =
  | { type: "progress"; done: number; total: number; seconds: number; rssBytes: number }
  | { type: "result"; result: SyncResult }
  | { type: "failed"; message: string };

interface SyncResult {
  job: Pick<InitialSyncJob, "id" | "state" | "done" | "total" | "counts" | "error">;
  /** From start() to the job's end, as the child measured it. */
  seconds: number;
  /** Process peak resident memory (getrusage), bytes: the gateway process, start-up included. */
  peakRssBytes: number;
  /** RSS just before the sync started (after the gateway's start-up). */
  rssBeforeBytes: number;
  /** Highest heap used seen by a timer sampling every SAMPLE_MS (only when the event loop lets it run). */
  peakHeapUsedBytes: number;
  /** The longest the event loop went without running timers (HTTP requests wait as long), ms. */
  longestStallMs: number;
  statements: number;
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
}

const USAGE = `Usage: npm run bench:initial-sync -- [options]
  --accounts N      CRM Accounts (default 10000)
  --contacts N      CRM Contacts (default 50000)
  --duplicates F    Share of Accounts and Contacts also on the FSM side, unlinked (default 0.3)
  --batch N         Initial-sync page size (default: INITIAL_SYNC_BATCH_SIZE or 200)
  --smoke           Tiny run for CI: 200 Accounts, 1000 Contacts
  --cpu-prof        Write a V8 CPU profile of the sync process to bench/results/
  --json PATH       JSON report (default bench/results/initial-sync.json)
Set DATABASE_URL=postgres://… to run on PostgreSQL (a fresh schema, dropped afterwards).`;

const CHILD_ENV = "BENCH_INITIAL_SYNC_CHILD";
/** How often the sync process samples its heap and checks its event loop (a timer that fires late = a stall). */
const SAMPLE_MS = 50;

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      accounts: { type: "string" }, contacts: { type: "string" }, duplicates: { type: "string" }, batch: { type: "string" },
      smoke: { type: "boolean", default: false }, "cpu-prof": { type: "boolean", default: false }, json: { type: "string" },
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
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be a positive ${integer ? "integer" : "number"}, got "${value}"\n${USAGE}`);
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
    cpuProf: values["cpu-prof"] ?? false,
    jsonPath: path.resolve(values.json ?? path.join(REPO_ROOT, "bench", "results", "initial-sync.json")),
    databaseUrl: env.DATABASE_URL || null,
  };
}

function gatewayConfig(target: Target, overrides: Partial<Config> = {}): Config {
  return loadConfig(process.env, {
    port: 0,
    host: "127.0.0.1",
    sqlitePath: target.sqlitePath ?? ":memory:",
    databaseUrl: target.databaseUrl,
    databaseSchema: target.databaseSchema,
    seedDemoData: false,
    syncWorker: false,
    smtpUrl: null,
    logLevel: "warn",
    ...overrides,
  });
}

async function onPostgres(databaseUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// ---- dataset ------------------------------------------------------------------------------------------------

interface Dataset {
  target: Target;
  adminId: string;
  seedSeconds: number;
  crm: { accounts: number; contacts: number };
  fsm: { companies: number; contacts: number };
  dispose(): Promise<void>;
}

const SEED_CHUNK = 5_000;

/** The organisation, written through the gateway's own stores (rules and all) in chunks. */
async function createDataset(options: Options, log: (line: string) => void): Promise<Dataset> {
  const tmpDir = options.databaseUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), "initial-sync-bench-"));
  const target: Target = {
    sqlitePath: tmpDir ? path.join(tmpDir, "bench.sqlite") : null,
    databaseUrl: options.databaseUrl,
    databaseSchema: options.databaseUrl ? `isbench_${randomBytes(6).toString("hex")}` : null,
  };
  const dispose = async () => {
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    if (options.databaseUrl) await onPostgres(options.databaseUrl, `DROP SCHEMA IF EXISTS ${target.databaseSchema} CASCADE`);
  };
  try {
    if (options.databaseUrl) await onPostgres(options.databaseUrl, `CREATE SCHEMA ${target.databaseSchema}`);
    const config = gatewayConfig(target);
    const gateway = await startGateway(config, createLogger(config));
    const started = performance.now();
    try {
      const { crm, fsm, access } = gateway.services;
      const { admin } = await bootstrapAdmin(access);
      const actor = { userId: admin.id };
      const random = new Random(20261125);
      let companies = 0;
      let fsmContacts = 0;
      const accountIds: string[] = [];
      const twinCompanyOf = new Map<string, string>();
      for (let start = 0; start < options.accounts; start += SEED_CHUNK) {
        const inputs = Array.from({ length: Math.min(SEED_CHUNK, options.accounts - start) }, (_, k) => {
          const i = start + k;
          const name = `${random.pick(words.COMPANY_WORDS)} ${random.pick(words.COMPANY_KINDS)} ${i}`;
          return { accountName: name, phone: `+1 555 ${random.int(1000000, 9999999)}`, website: `https://a${i}.example.com`, industry: random.pick(words.INDUSTRIES) };
        });
        const accounts = await crm.createMany("Accounts", inputs, actor);
        accountIds.push(...accounts.map((a) => a.id));
        const twins = accounts.filter(() => random.chance(options.duplicateShare));
        // The FSM's copy: same name, its own phone, a description the CRM has not got.
        const created = await fsm.createMany("Companies", twins.map((a) => ({ companyName: a.accountName, phone: `+9 999 ${random.int(1000000, 9999999)}`, email: `office@${a.id.slice(0, 8)}.fsm.example` })), actor);
        twins.forEach((a, i) => twinCompanyOf.set(a.id, created[i].id));
        companies += created.length;
      }
      log(`  ${options.accounts} Accounts, ${companies} of them also as FSM Companies`);
      for (let start = 0; start < options.contacts; start += SEED_CHUNK) {
        const inputs = Array.from({ length: Math.min(SEED_CHUNK, options.contacts - start) }, (_, k) => {
          const i = start + k;
          const firstName = random.pick(words.FIRST_NAMES);
          const lastName = random.pick(words.LAST_NAMES);
          return { firstName, lastName, email: `${firstName}.${lastName}.${i}@contacts.example`.toLowerCase(), phone: `+1 555 ${random.int(1000000, 9999999)}`, accountId: accountIds[i % accountIds.length] };
        });
        const contacts = await crm.createMany("Contacts", inputs, actor);
        const twins = contacts.filter(() => random.chance(options.duplicateShare));
        await fsm.createMany("Contacts", twins.map((c) => ({ lastName: c.lastName, firstName: null, email: c.email!, mobile: `+9 777 ${random.int(1000000, 9999999)}`, companyId: twinCompanyOf.get(c.accountId!) ?? null })), actor);
        fsmContacts += twins.length;
      }
      log(`  ${options.contacts} Contacts, ${fsmContacts} of them also as FSM Contacts`);
      return {
        target, adminId: admin.id, seedSeconds: (performance.now() - started) / 1000,
        crm: { accounts: options.accounts, contacts: options.contacts }, fsm: { companies, contacts: fsmContacts }, dispose,
      };
    } finally {
      await gateway.stop();
    }
  } catch (error) {
    await dispose().catch(() => undefined);
    throw error;
  }
}

// ---- the sync, in a child process ---------------------------------------------------------------------------

async function childMain(): Promise<void> {
  const payload = JSON.parse(process.env[CHILD_ENV]!) as ChildPayload;
  const send = (message: FromChild) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
  const config = gatewayConfig(payload.target, { initialSyncBatchSize: payload.batchSize });
  const gateway = await startGateway(config, createLogger(config));
  const { initialSync } = gateway.services;
  const rssBeforeBytes = process.memoryUsage().rss;
  const statementsBefore = gateway.queryCounter.count;
  const cpuBefore = process.cpuUsage();
  let peakHeapUsedBytes = 0;
  let lastTick = performance.now();
  let longestStallMs = 0;
  const sampler = setInterval(() => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - lastTick - SAMPLE_MS);
    lastTick = now;
    peakHeapUsedBytes = Math.max(peakHeapUsedBytes, process.memoryUsage().heapUsed);
  }, SAMPLE_MS);
  const started = performance.now();
  const job = await initialSync.start(DuplicateMode.OVERWRITE, payload.adminId);
  const progress = setInterval(() => {
    initialSync.get(job.id).then(
      (j) => void send({ type: "progress", done: j.done, total: j.total, seconds: (performance.now() - started) / 1000, rssBytes: process.memoryUsage().rss }),
      () => undefined,
    );
  }, 5_000);
  await initialSync.idle();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(progress);
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  const statements = gateway.queryCounter.count - statementsBefore;
  const final = await initialSync.get(job.id);
  await gateway.stop();
  await send({
    type: "result",
    result: {
      job: { id: final.id, state: final.state, done: final.done, total: final.total, counts: final.counts, error: final.error },
      seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024, rssBeforeBytes, peakHeapUsedBytes, longestStallMs, statements,
      cpuUserSeconds: cpu.user / 1e6, cpuSystemSeconds: cpu.system / 1e6,
    },
  });
}

function runChild(payload: ChildPayload, cpuProfDir: string | null, log: (line: string) => void): Promise<SyncResult> {
  const child = fork(__filename, [], {
    env: { ...process.env, NODE_ENV: "production", [CHILD_ENV]: JSON.stringify(payload) },
    execArgv: cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`] : [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  return new Promise((resolve, reject) => {
    let result: SyncResult | null = null;
    child.on("message", (message: FromChild) => {
      if (message.type === "progress") {
        log(`  ${message.done} / ${message.total} records after ${message.seconds.toFixed(0)} s (${(message.done / message.seconds).toFixed(0)}/s), RSS ${(message.rssBytes / 2 ** 20).toFixed(0)} MB`);
      } else if (message.type === "result") result = message.result;
      else reject(new Error(`the sync process failed: ${message.message}`));
    });
    child.once("exit", (code, signal) => {
      process.off("exit", kill);
      if (result) resolve(result);
      else reject(new Error(`the sync process exited (code ${code}, signal ${signal}) without a result`));
    });
  });
}

// ---- check and report ---------------------------------------------------------------------------------------

/** What the store holds after the sync, straight from SQL. */
async function afterCounts(target: Target): Promise<Record<string, number>> {
  const config = gatewayConfig(target);
  const { createDataSource } = await import("../src/db/create-data-source");
  const db = createDataSource(config);
  await db.dataSource.initialize();
  try {
    const one = async (sql: string) => Number((await db.manager.query(sql))[0].n);
    return {
      crmAccounts: await one(`SELECT COUNT(*) AS n FROM crm_account`),
      crmContacts: await one(`SELECT COUNT(*) AS n FROM crm_contact`),
      fsmCompanies: await one(`SELECT COUNT(*) AS n FROM fsm_company`),
      fsmContacts: await one(`SELECT COUNT(*) AS n FROM fsm_contact`),
      accountLinks: await one(`SELECT COUNT(*) AS n FROM gw_sync_link WHERE "crmModule" = 'Accounts'`),
      contactLinks: await one(`SELECT COUNT(*) AS n FROM gw_sync_link WHERE "crmModule" = 'Contacts'`),
      linkedCrmRecords: await one(`SELECT COUNT(DISTINCT "crmModule" || ':' || "crmId") AS n FROM gw_sync_link`),
      linkedFsmRecords: await one(`SELECT COUNT(DISTINCT "fsmModule" || ':' || "fsmId") AS n FROM gw_sync_link`),
      companyNamesTwice: await one(`SELECT COUNT(*) AS n FROM (SELECT "companyName" FROM fsm_company GROUP BY "companyName" HAVING COUNT(*) > 1) t`),
      contactEmailsTwice: await one(`SELECT COUNT(*) AS n FROM (SELECT "email" FROM fsm_contact GROUP BY "email" HAVING COUNT(*) > 1) t`),
    };
  } finally {
    await db.dataSource.destroy();
  }
}

function problems(dataset: Dataset, result: SyncResult, after: Record<string, number>): string[] {
  const found: string[] = [];
  const expect = (what: string, actual: unknown, wanted: unknown) => actual !== wanted && found.push(`${what}: ${actual}, expected ${wanted}`);
  const { job } = result;
  const twins = dataset.fsm.companies + dataset.fsm.contacts;
  const crmRecords = dataset.crm.accounts + dataset.crm.contacts;
  expect("job state", job.state, "COMPLETED");
  expect("job done", job.done, job.total);
  expect("job total", job.total, crmRecords + twins);
  expect("overwritten + linked", (job.counts.OVERWRITTEN ?? 0) + (job.counts.LINKED ?? 0), twins);
  expect("counterparts created", job.counts.COUNTERPART_CREATED ?? 0, crmRecords - twins);
  expect("outcomes", Object.values(job.counts).reduce((a, b) => a + b, 0), crmRecords);
  expect("FSM Companies", after.fsmCompanies, dataset.crm.accounts);
  expect("FSM Contacts", after.fsmContacts, dataset.crm.contacts);
  expect("CRM Accounts", after.crmAccounts, dataset.crm.accounts);
  expect("CRM Contacts", after.crmContacts, dataset.crm.contacts);
  expect("Account links", after.accountLinks, dataset.crm.accounts);
  expect("Contact links", after.contactLinks, dataset.crm.contacts);
  expect("CRM records linked", after.linkedCrmRecords, crmRecords);
  expect("FSM records linked", after.linkedFsmRecords, crmRecords);
  expect("Company names twice", after.companyNamesTwice, 0);
  expect("Contact e-mails twice", after.contactEmailsTwice, 0);
  return found;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const startedAt = new Date();
  const started = performance.now();
  const loadAtStart = os.loadavg()[0];
  const log = (line: string) => process.stdout.write(`[bench:initial-sync ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
  const store = options.databaseUrl ? "PostgreSQL" : "SQLite";

  log(`seeding ${options.accounts} Accounts and ${options.contacts} Contacts (${options.duplicateShare * 100}% duplicated on the FSM side) on ${store}…`);
  const dataset = await createDataset(options, log);
  log(`seeded in ${dataset.seedSeconds.toFixed(1)} s`);
  let result: SyncResult;
  let after: Record<string, number>;
  const cpuProfDir = options.cpuProf ? path.join(REPO_ROOT, "bench", "results", "cpu-profiles") : null;
  try {
    log(`initial sync (Overwrite, batch ${options.batchSize}) in a child process${cpuProfDir ? `, profiled into ${path.relative(process.cwd(), cpuProfDir)}` : ""}…`);
    result = await runChild({ target: dataset.target, batchSize: options.batchSize, adminId: dataset.adminId }, cpuProfDir, log);
    after = await afterCounts(dataset.target);
  } finally {
    await dataset.dispose();
  }

  const found = problems(dataset, result, after);
  const { job } = result;
  const crmRecords = dataset.crm.accounts + dataset.crm.contacts;
  const figures = {
    recordsLookedAt: job.done,
    crmRecords,
    fsmRecords: dataset.fsm.companies + dataset.fsm.contacts,
    seconds: result.seconds,
    recordsPerSecond: job.done / result.seconds,
    crmRecordsPerSecond: crmRecords / result.seconds,
    peakRssBytes: result.peakRssBytes,
    rssBeforeBytes: result.rssBeforeBytes,
    peakHeapUsedBytes: result.peakHeapUsedBytes,
    longestEventLoopStallMs: result.longestStallMs,
    statements: result.statements,
    statementsPerCrmRecord: result.statements / crmRecords,
    cpuUserSeconds: result.cpuUserSeconds,
    cpuSystemSeconds: result.cpuSystemSeconds,
  };
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  // A sampling timer that never fired: the event loop was blocked for the whole sync.
  const stall = (r: SyncResult) => (r.peakHeapUsedBytes ? r.longestStallMs.toFixed(0) : `≥ ${(r.seconds * 1000).toFixed(0)}`);
  const rows = [
    ["store", "batch", "records", "time s", "records/s", "CRM records/s", "peak RSS MB", "RSS before MB", "peak heap MB", "longest stall ms", "SQL/CRM record", "CPU s"],
    [store, String(options.batchSize), String(job.done), result.seconds.toFixed(1), figures.recordsPerSecond.toFixed(0), figures.crmRecordsPerSecond.toFixed(0),
      mb(result.peakRssBytes), mb(result.rssBeforeBytes), result.peakHeapUsedBytes ? mb(result.peakHeapUsedBytes) : "n/a", stall(result), figures.statementsPerCrmRecord.toFixed(1), (result.cpuUserSeconds + result.cpuSystemSeconds).toFixed(1)],
  ];
  const machine = machineInfo();
  const load = { atStart: loadAtStart, atEnd: os.loadavg()[0] };
  const notes = [
    ...(Math.max(load.atStart, load.atEnd) > machine.cpus * 0.75
      ? [`the machine was busy (1-minute load average ${load.atStart.toFixed(1)} at the start, ${load.atEnd.toFixed(1)} at the end, on ${machine.cpus} CPUs): wall-clock figures are pessimistic, CPU s is steadier.`]
      : []),
    "records = records the job looked at (done): every CRM Account and Contact plus their FSM duplicates; CRM records/s counts only the CRM side.",
    "peak RSS is the sync process's getrusage maxRSS, gateway start-up included; RSS before is after start-up, before the sync.",
    `longest stall: the longest time the sync process's event loop ran no timers (HTTP requests to the gateway wait that long); a ${SAMPLE_MS} ms sampling timer measures it, and the heap peak with it.`,
    ...found.map((f) => `FAILED ${f}`),
  ];
  const report = {
    kind: "initial-sync",
    startedAt: startedAt.toISOString(),
    totalSeconds: (performance.now() - started) / 1000,
    machine: { ...machine, loadAverage: load },
    options: { accounts: options.accounts, contacts: options.contacts, duplicateShare: options.duplicateShare, batchSize: options.batchSize, smoke: options.smoke, cpuProf: options.cpuProf },
    dataset: { store, seedSeconds: dataset.seedSeconds, crm: dataset.crm, fsm: dataset.fsm },
    job,
    after,
    figures,
    notes,
  };
  fs.mkdirSync(path.dirname(options.jsonPath), { recursive: true });
  fs.writeFileSync(options.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write([
    "",
    `Initial sync benchmark ${report.startedAt} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.platform}, node ${machine.node}`,
    `Dataset: ${store}, CRM ${dataset.crm.accounts} Accounts + ${dataset.crm.contacts} Contacts; FSM ${dataset.fsm.companies} Companies + ${dataset.fsm.contacts} Contacts (duplicates, unlinked); seeded in ${dataset.seedSeconds.toFixed(1)} s`,
    `Job ${job.id}: ${job.state}, ${job.done}/${job.total}, ${Object.entries(job.counts).map(([k, v]) => `${k} ${v}`).join(", ")}`,
    "",
    table(rows),
    "",
    ...notes.map((n) => `Note: ${n}`),
    `JSON: ${path.relative(process.cwd(), options.jsonPath) || options.jsonPath}`,
    "",
  ].join("\n"));
  return found.length ? 1 : 0;
}

if (process.env[CHILD_ENV]) {
  childMain().then(
    () => process.disconnect?.(),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
      const message: FromChild = { type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      process.send ? process.send(message, () => process.disconnect()) : undefined;
    },
  );
} else {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`bench:initial-sync failed: ${text.length > 4000 ? `${text.slice(0, 4000)}…` : text}`);
      process.exit(1);
    },
  );
}
