import { fork } from "node:child_process";
import path from "node:path";
import { openSqlStore, type DatabaseTarget } from "../sql-store";
import { seedUnsyncedOrg, type UnsyncedOrg, type UnsyncedOrgSize } from "./unsynced-org";
import { CHILD_PAYLOAD_ENV, SAMPLE_MS, type ChildPayload, type FromChild, type SyncResult } from "./sync-child";

export interface InitialSyncSettings extends UnsyncedOrgSize {
  batchSize: number;
  /** Directory for a V8 CPU profile of the sync process, or null. */
  cpuProfDir: string | null;
}

/** Scenario (e)'s figures: throughput of the initial sync (Overwrite) of an organisation never synced before. */
export interface InitialSyncMeasurement {
  dataset: { store: UnsyncedOrg["store"]; seedSeconds: number; crm: UnsyncedOrg["crm"]; fsm: UnsyncedOrg["fsm"] };
  job: SyncResult["job"];
  after: Record<string, number>;
  figures: {
    recordsLookedAt: number;
    crmRecords: number;
    fsmRecords: number;
    seconds: number;
    recordsPerSecond: number;
    crmRecordsPerSecond: number;
    peakRssBytes: number;
    rssBeforeBytes: number;
    peakHeapUsedBytes: number;
    longestEventLoopStallMs: number;
    statements: number;
    statementsPerCrmRecord: number;
    cpuUserSeconds: number;
    cpuSystemSeconds: number;
  };
  /** What the check found wrong; empty when the sync did exactly what it should. */
  problems: string[];
}

/** How to read the figures (printed under the tables). */
export const INITIAL_SYNC_NOTES = [
  "records = records the job looked at (done): every CRM Account and Contact plus their FSM duplicates; CRM records/s counts only the CRM side.",
  "peak RSS is the sync process's getrusage maxRSS, gateway start-up included; RSS before is after start-up, before the sync.",
  `longest stall: the longest time the sync process's event loop ran no timers (HTTP requests to the gateway wait that long); a ${SAMPLE_MS} ms sampling timer measures it, and the heap peak with it.`,
];

function runChild(payload: ChildPayload, cpuProfDir: string | null, log: (line: string) => void): Promise<SyncResult> {
  const child = fork(path.join(__dirname, "sync-child.js"), [], {
    env: { ...process.env, NODE_ENV: "production", [CHILD_PAYLOAD_ENV]: JSON.stringify(payload) },
    execArgv: cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`] : [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  return new Promise((resolve, reject) => {
    let result: SyncResult | null = null;
    child.on("message", (message: FromChild) => {
      if (message.type === "progress") {
        log(
          `  ${message.done} / ${message.total} records after ${message.seconds.toFixed(0)} s (${(message.done / message.seconds).toFixed(0)}/s), RSS ${(message.rssBytes / 2 ** 20).toFixed(0)} MB`,
        );
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

/** What the store holds after the sync, straight from SQL. */
async function afterCounts(target: DatabaseTarget): Promise<Record<string, number>> {
  const store = openSqlStore(target);
  try {
    const one = async (sql: string) => Number((await store.all<{ n: number | string }>(sql, []))[0].n);
    return {
      crmAccounts: await one(`SELECT COUNT(*) AS "n" FROM crm_account`),
      crmContacts: await one(`SELECT COUNT(*) AS "n" FROM crm_contact`),
      fsmCompanies: await one(`SELECT COUNT(*) AS "n" FROM fsm_company`),
      fsmContacts: await one(`SELECT COUNT(*) AS "n" FROM fsm_contact`),
      accountLinks: await one(`SELECT COUNT(*) AS "n" FROM gw_sync_link WHERE "crmModule" = 'Accounts'`),
      contactLinks: await one(`SELECT COUNT(*) AS "n" FROM gw_sync_link WHERE "crmModule" = 'Contacts'`),
      linkedCrmRecords: await one(`SELECT COUNT(DISTINCT "crmModule" || ':' || "crmId") AS "n" FROM gw_sync_link`),
      linkedFsmRecords: await one(`SELECT COUNT(DISTINCT "fsmModule" || ':' || "fsmId") AS "n" FROM gw_sync_link`),
      companyNamesTwice: await one(`SELECT COUNT(*) AS "n" FROM (SELECT "companyName" FROM fsm_company GROUP BY "companyName" HAVING COUNT(*) > 1) t`),
      contactEmailsTwice: await one(`SELECT COUNT(*) AS "n" FROM (SELECT "email" FROM fsm_contact GROUP BY "email" HAVING COUNT(*) > 1) t`),
    };
  } finally {
    await store.close();
  }
}

/** The job COMPLETED with done == total, every CRM record linked once, each duplicate to its twin, no FSM record twice. */
function problems(org: UnsyncedOrg, result: SyncResult, after: Record<string, number>): string[] {
  const found: string[] = [];
  const expect = (what: string, actual: unknown, wanted: unknown) => actual !== wanted && found.push(`${what}: ${String(actual)}, expected ${String(wanted)}`);
  const { job } = result;
  const twins = org.fsm.companies + org.fsm.contacts;
  const crmRecords = org.crm.accounts + org.crm.contacts;
  expect("job state", job.state, "COMPLETED");
  expect("job done", job.done, job.total);
  expect("job total", job.total, crmRecords + twins);
  expect("overwritten + linked", (job.counts.OVERWRITTEN ?? 0) + (job.counts.LINKED ?? 0), twins);
  expect("counterparts created", job.counts.COUNTERPART_CREATED ?? 0, crmRecords - twins);
  expect(
    "outcomes",
    Object.values(job.counts).reduce((a, b) => a + b, 0),
    crmRecords,
  );
  expect("FSM Companies", after.fsmCompanies, org.crm.accounts);
  expect("FSM Contacts", after.fsmContacts, org.crm.contacts);
  expect("CRM Accounts", after.crmAccounts, org.crm.accounts);
  expect("CRM Contacts", after.crmContacts, org.crm.contacts);
  expect("Account links", after.accountLinks, org.crm.accounts);
  expect("Contact links", after.contactLinks, org.crm.contacts);
  expect("CRM records linked", after.linkedCrmRecords, crmRecords);
  expect("FSM records linked", after.linkedFsmRecords, crmRecords);
  expect("Company names twice", after.companyNamesTwice, 0);
  expect("Contact e-mails twice", after.contactEmailsTwice, 0);
  return found;
}

/**
 * Seeds an unsynced organisation in a fresh database, runs its initial sync in a child process, checks the result
 * from SQL and drops the database.
 */
export async function measureInitialSync(
  settings: InitialSyncSettings,
  databaseUrl: string | null,
  log: (line: string) => void,
): Promise<InitialSyncMeasurement> {
  log(`initial sync: seeding ${settings.accounts} Accounts and ${settings.contacts} Contacts (${settings.duplicateShare * 100}% duplicated on the FSM side)…`);
  const org = await seedUnsyncedOrg(settings, databaseUrl, log);
  log(`initial sync: seeded in ${org.seedSeconds.toFixed(1)} s; syncing (Overwrite, batch ${settings.batchSize}) in a child process…`);
  let result: SyncResult;
  let after: Record<string, number>;
  try {
    result = await runChild({ target: org.target, batchSize: settings.batchSize, adminId: org.adminId }, settings.cpuProfDir, log);
    after = await afterCounts(org.target);
  } finally {
    await org.dispose();
  }
  const { job } = result;
  const crmRecords = org.crm.accounts + org.crm.contacts;
  return {
    dataset: { store: org.store, seedSeconds: org.seedSeconds, crm: org.crm, fsm: org.fsm },
    job,
    after,
    figures: {
      recordsLookedAt: job.done,
      crmRecords,
      fsmRecords: org.fsm.companies + org.fsm.contacts,
      seconds: result.seconds,
      recordsPerSecond: job.done / result.seconds,
      crmRecordsPerSecond: crmRecords / result.seconds,
      peakRssBytes: result.peakRssBytes,
      rssBeforeBytes: result.rssBeforeBytes,
      peakHeapUsedBytes: result.peakHeapUsedBytes,
      longestEventLoopStallMs: result.peakHeapUsedBytes ? result.longestStallMs : result.seconds * 1000,
      statements: result.statements,
      statementsPerCrmRecord: result.statements / crmRecords,
      cpuUserSeconds: result.cpuUserSeconds,
      cpuSystemSeconds: result.cpuSystemSeconds,
    },
    problems: problems(org, result, after),
  };
}
