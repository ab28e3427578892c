import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "pg";
import pino from "pino";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { postGraphQL } from "../support/graphql-client";
import { CrmContact } from "../../src/crm/entities/crm-contact.entity";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";
import { DuplicateMode, InitialSyncJob, JobState } from "../../src/sync/initial/initial-sync-job.entity";

const CREATE = "mutation($input: CrmContactInput!) { createCrmContact(input: $input) { record { id lastName } sync { status reason } } }";
const ON_POSTGRES = Boolean(process.env.DATABASE_URL);
const HOOK_SECRET = "storage-faults-hook-secret";

interface Attempt {
  lastName: string;
  outcome: "saved" | "refused";
  id?: string;
}

/** Sends one create and sorts its answer: saved, or refused with STORAGE_UNAVAILABLE; anything else fails the test. */
async function create(t: TestGateway, lastName: string): Promise<Attempt> {
  const answer = await postGraphQL<{ createCrmContact: { record: { id: string } | null } }>(
    t.url,
    { query: CREATE, variables: { input: { lastName, email: `${lastName}@storage.test` } } },
    t.admin.token,
  );
  if (answer.errors?.length) {
    expect(answer.errors.map((e) => e.extensions?.code)).toEqual(["STORAGE_UNAVAILABLE"]);
    expect(answer.errors[0].message).toMatch(/nothing was saved/i);
    return { lastName, outcome: "refused" };
  }
  const id = answer.data?.createCrmContact.record?.id;
  expect(id).toBeTruthy();
  return { lastName, outcome: "saved", id };
}

async function readiness(t: TestGateway): Promise<{ status: number; body: { status: string; checks: Record<string, { status: string }> } }> {
  const response = await fetch(t.url.replace(/\/graphql$/, "/readyz"));
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, { status: string }> } };
}

/** Every answered success is stored with its outbox entry; every refusal left neither. */
async function expectOnlySavedOnes(t: TestGateway, attempts: Attempt[]) {
  const { manager } = t.services.db;
  for (const attempt of attempts) {
    const rows = await manager.findBy(CrmContact, { lastName: attempt.lastName });
    if (attempt.outcome === "saved") {
      expect(
        rows.map((r) => r.id),
        attempt.lastName,
      ).toEqual([attempt.id]);
      expect(await manager.countBy(OutboxEntry, { module: "Contacts", recordId: attempt.id! }), attempt.lastName).toBeGreaterThan(0);
    } else {
      expect(rows, attempt.lastName).toEqual([]);
    }
  }
  const orphans = await manager
    .createQueryBuilder(OutboxEntry, "o")
    .where("o.side = 'CRM' AND o.module = 'Contacts'")
    .andWhere(`NOT EXISTS (SELECT 1 FROM crm_contact c WHERE c.id = o.recordId)`)
    .getCount();
  expect(orphans).toBe(0);
}

/** A logger whose lines the test reads. */
function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line) as { level: number; msg: string }) });
  const count = (pattern: RegExp) => lines.filter((line) => pattern.test(line.msg)).length;
  return { logger, count };
}

async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function fillDisk(t: TestGateway): Promise<void> {
  const [{ page_count: pages }] = await t.services.db.dataSource.query<{ page_count: number }[]>("PRAGMA page_count");
  await t.services.db.dataSource.query(`PRAGMA max_page_count = ${pages}`);
}

async function freeDisk(t: TestGateway): Promise<void> {
  await t.services.db.dataSource.query("PRAGMA max_page_count = 1073741823");
}

describe.skipIf(ON_POSTGRES)("SQLite (skipped with DATABASE_URL: PRAGMA max_page_count is SQLite's): a full disk fails writes closed and loses nothing", () => {
  let t: TestGateway;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "storage-faults-"));
    t = await startTestGateway({ sqlitePath: path.join(dir, "gateway.sqlite"), hookSecret: HOOK_SECRET });
  });
  afterAll(async () => {
    await t?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers STORAGE_UNAVAILABLE while full, reports not ready, recovers, and keeps every confirmed write", async () => {
    const attempts: Attempt[] = [];
    for (let i = 0; i < 5; i += 1) attempts.push(await create(t, `before-${i}`));
    expect(attempts.every((a) => a.outcome === "saved")).toBe(true);
    expect((await readiness(t)).status).toBe(200);

    await fillDisk(t);
    for (let i = 0; i < 60; i += 1) attempts.push(await create(t, `full-${i}`));
    expect(attempts.filter((a) => a.outcome === "refused").length).toBeGreaterThan(0);
    // The change feed refuses the same way, in its own reply shape: nothing queued, send it again.
    const ids = attempts.filter((a) => a.outcome === "saved").map((a) => a.id);
    const feed = await fetch(t.url.replace(/\/graphql$/, "/hooks/crm"), {
      method: "POST",
      headers: { "content-type": "application/json", "x-gateway-secret": HOOK_SECRET },
      body: JSON.stringify({ module: "Contacts", ids: Array.from({ length: 100 }, (_, i) => ids[i % ids.length]), operation: "update" }),
    });
    expect(feed.status).toBe(503);
    expect(((await feed.json()) as { error: { code: string } }).error.code).toBe("STORAGE_UNAVAILABLE");
    const during = await readiness(t);
    expect(during.status).toBe(503);
    expect(during.body.checks.writes.status).toBe("failed");

    await freeDisk(t);
    for (let i = 0; i < 5; i += 1) attempts.push(await create(t, `after-${i}`));
    expect(attempts.slice(-5).every((a) => a.outcome === "saved")).toBe(true);
    // Nobody asks /readyz: the background probe ends the episode by itself.
    await until(async () => !t.services.db.writeHealth.failing, 20_000);
    expect((await readiness(t)).status).toBe(200);

    await t.restart();
    await expectOnlySavedOnes(t, attempts);
  });
});

describe.skipIf(ON_POSTGRES)("SQLite (skipped with DATABASE_URL): the sync worker waits out a full disk", () => {
  let t: TestGateway;
  let dir: string;
  const log = capturingLogger();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "storage-faults-worker-"));
    t = await startTestGateway({ sqlitePath: path.join(dir, "gateway.sqlite"), storageRetryMaxMs: 200, syncPollIntervalMs: 50 }, { logger: log.logger });
  });
  afterAll(async () => {
    await t?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every entry pending with its attempts untouched, backs off, logs the episode once, and syncs everything after", async () => {
    const { services } = t;
    // Changes pile up in the outbox while direct sync is off; the worker is stopped before sync comes back on.
    await services.org.update({ financeSuiteIntegrated: true }, t.admin.user.id);
    const attempts: Attempt[] = [];
    for (let i = 0; i < 40; i += 1) attempts.push(await create(t, `queued-${i}`));
    expect(attempts.every((a) => a.outcome === "saved")).toBe(true);
    await services.worker.stop();
    await services.org.update({ financeSuiteIntegrated: false }, t.admin.user.id);
    const pending = () => services.db.manager.countBy(OutboxEntry, { module: "Contacts", state: "PENDING" });
    expect(await pending()).toBe(40);

    await fillDisk(t);
    const statementsBefore = t.gateway.queryCounter.count;
    services.worker.start();
    await until(async () => services.db.writeHealth.failing);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Backing off (at most 200 ms here), not spinning: a handful of tries, each a few statements.
    expect(t.gateway.queryCounter.count - statementsBefore).toBeLessThan(400);
    const entries = await services.db.manager.findBy(OutboxEntry, { module: "Contacts" });
    expect(entries.filter((e) => e.state === "FAILED")).toEqual([]);
    expect(entries.filter((e) => e.state === "PENDING").every((e) => e.attempts === 0)).toBe(true);
    expect(await pending()).toBeGreaterThan(0);
    expect((await readiness(t)).status).toBe(503);

    await freeDisk(t);
    await until(async () => (await pending()) === 0);
    expect((await services.db.manager.findBy(OutboxEntry, { module: "Contacts" })).every((e) => e.state === "DONE")).toBe(true);
    expect((await readiness(t)).status).toBe(200);
    expect(log.count(/writes are failing/)).toBe(1);
    expect(log.count(/writes succeed again/)).toBe(1);
    expect(log.count(/sync worker failed/)).toBe(0);
    expect(log.count(/SQL failed/)).toBeLessThanOrEqual(1);

    await t.restart();
    await expectOnlySavedOnes(t, attempts);
    expect(await t.services.db.manager.countBy(OutboxEntry, { module: "Contacts", state: "PENDING" })).toBe(0);
  });
});

describe.skipIf(ON_POSTGRES)("SQLite (skipped with DATABASE_URL): the initial sync waits out a full disk", () => {
  let t: TestGateway;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "storage-faults-initial-"));
    t = await startTestGateway({ sqlitePath: path.join(dir, "gateway.sqlite"), syncWorker: false, initialSyncBatchSize: 5, storageRetryMaxMs: 100 });
  });
  afterAll(async () => {
    await t?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the job running through more faults than its batch retries, then completes it with nothing lost", async () => {
    const { services } = t;
    for (let i = 0; i < 60; i += 1) await services.crm.create("Contacts", { lastName: `initial-${i}`, email: `initial-${i}@storage.test` }, { userId: "seed" });
    const job = await services.initialSync.start(DuplicateMode.CLONE, t.admin.user.id);
    await services.initialSync.stop(); // at most one batch done: the rest is to run on a full disk
    await fillDisk(t);
    await services.initialSync.resume();
    await until(async () => services.db.writeHealth.failing);
    // Longer than the 5 batch retries (0.4 + 0.8 + 1.6 + 3.2 s apart) after which a failing batch fails the job.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    expect((await services.db.manager.findOneByOrFail(InitialSyncJob, { id: job.id })).state).toBe(JobState.RUNNING);

    await freeDisk(t);
    await services.initialSync.idle();
    const finished = await services.db.manager.findOneByOrFail(InitialSyncJob, { id: job.id });
    expect(finished).toMatchObject({ state: JobState.COMPLETED, error: null });
    expect(finished.done).toBe(finished.total);
    expect(finished.total).toBeGreaterThanOrEqual(60);
  });
});

const UPDATE = "mutation($id: ID!, $input: CrmContactInput!) { updateCrmContact(id: $id, input: $input) { record { id lastName } } }";

describe.skipIf(!ON_POSTGRES)(
  "PostgreSQL (runs only with DATABASE_URL set): a backend terminated mid-transaction fails the write closed and the pool recovers",
  () => {
    let t: TestGateway;
    let admin: Client;

    beforeAll(async () => {
      t = await startTestGateway();
      admin = new Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      const [{ schema }] = await t.services.db.dataSource.query<{ schema: string }[]>("SELECT current_schema() AS schema");
      await admin.query(`SET search_path TO ${schema}`);
    });
    afterAll(async () => {
      await admin?.end();
      await t?.stop();
    });

    /** The gateway's backend waiting on a lock this admin session holds (other suites share the server). */
    async function blockedBackend(): Promise<number> {
      let pid: number | undefined;
      await until(async () => {
        const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))");
        pid = rows[0]?.pid;
        return pid !== undefined;
      });
      return pid!;
    }

    it("answers STORAGE_UNAVAILABLE, writes nothing, flips readiness, and the next writes succeed", async () => {
      const first = await create(t, "pg-before");
      expect(first.outcome).toBe("saved");
      const entriesBefore = await t.services.db.manager.countBy(OutboxEntry, { recordId: first.id! });

      // Hold the record's row so that the gateway's update waits inside its transaction, then end its backend.
      await admin.query("BEGIN");
      await admin.query("SELECT id FROM crm_contact WHERE id = $1 FOR UPDATE", [first.id]);
      const answer = postGraphQL(t.url, { query: UPDATE, variables: { id: first.id, input: { lastName: "pg-renamed" } } }, t.admin.token);
      const pid = await blockedBackend();
      await admin.query("SELECT pg_terminate_backend($1)", [pid]);
      await admin.query("ROLLBACK");
      const refused = await answer;
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(["STORAGE_UNAVAILABLE"]);
      expect(t.services.db.writeHealth.failing).toBe(true);

      // Nothing half-written: the record as it was, no outbox entry for the refused edit.
      const { manager } = t.services.db;
      expect((await manager.findOneByOrFail(CrmContact, { id: first.id! })).lastName).toBe("pg-before");
      expect(await manager.countBy(OutboxEntry, { recordId: first.id! })).toBe(entriesBefore);

      // Readiness probes a write on a fresh connection and comes back; later writes go through the pool again.
      const ready = await readiness(t);
      expect(ready.status).toBe(200);
      expect(ready.body.checks.writes.status).toBe("ok");
      expect(t.services.db.writeHealth.failing).toBe(false);
      const after: Attempt[] = [];
      for (let i = 0; i < 12; i += 1) after.push(await create(t, `pg-after-${i}`));
      expect(after.every((a) => a.outcome === "saved")).toBe(true);
      await expectOnlySavedOnes(t, [first, ...after]);
    });
  },
);
