import { randomBytes } from "node:crypto";
import pino from "pino";
import { runPostgresSql } from "../support/postgres-admin";
import { MoreThan } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDataSource } from "../../src/db/create-data-source";
import { createServices } from "../../src/create-services";
import type { Database } from "../../src/db/database";
import type { Services } from "../../src/services";
import type { RecordBase } from "../../src/common/record-base";
import { SyncEngine } from "../../src/sync/engine/sync-engine";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";
import { SyncEvent, SyncFlow, SyncStatus } from "../../src/sync/history/sync-event.entity";
import { SyncLink } from "../../src/links/sync-link.entity";
import { integrateEmptyOrg, testConfig } from "../support/test-gateway";

/**
 * Several gateway processes (issue 3, item 10): two sync engines drain one outbox at the same time, and no change
 * is applied twice, lost, or applied out of order.
 *
 * PostgreSQL (DATABASE_URL set): each engine has its own DataSource and connection pool, as two processes would;
 * claims rely on `FOR UPDATE SKIP LOCKED` plus a per-record advisory lock.
 * SQLite: the gateway is one process with one connection, so the two engines share the Database and every
 * transaction queues on its write lock, as the worker and a mutation's instant sync do in one gateway.
 */

const databaseUrl = process.env.DATABASE_URL;
const actor = { userId: "test" };
/** Drain loops per engine: two engines with two workers each. */
const LOOPS_PER_ENGINE = 2;
const DRAIN_DEADLINE_MS = 30_000;

type Side = "CRM" | "FSM";

interface Node {
  db: Database;
  services: Services;
  engine: SyncEngine;
  /** Entry ids this engine committed (from its published events, i.e. after commit). */
  applied: number[];
  /** Transient failures this engine scheduled for a retry. */
  retries: string[];
}

/** Mulberry32: a seeded random, so a failing run can be replayed with SYNC_TEST_SEED. */
function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const adminQuery = (sql: string) => runPostgresSql(databaseUrl!, sql);

describe(`two sync engines draining one outbox at once (${databaseUrl ? "PostgreSQL, two connection pools" : "SQLite, one connection shared through the write lock"})`, () => {
  const schema = databaseUrl ? `workers_${randomBytes(6).toString("hex")}` : null;
  const config = testConfig({ databaseSchema: schema, syncWorker: false });
  const ownDbs: Database[] = [];
  let a: Node;
  let b: Node;

  function node(db: Database): Node {
    const services = createServices(config, db, pino({ level: "silent" }));
    const applied: number[] = [];
    const retries: string[] = [];
    // The engine's outbox, with retries noted (a retried entry's lastError is cleared once it succeeds).
    const outbox = Object.create(services.outbox) as typeof services.outbox;
    outbox.scheduleRetry = (entry, error) => {
      retries.push(`#${entry.id} ${entry.side} ${entry.module} ${entry.operation}: ${error.slice(0, 160)}`);
      return services.outbox.scheduleRetry(entry, error);
    };
    const engine = new SyncEngine({ ...services, settings: services.syncSettings, outbox }, (event) => {
      if (event.entryId !== null) applied.push(event.entryId);
    });
    return { db, services, engine, applied, retries };
  }

  async function openDb(migrate: boolean): Promise<Database> {
    const db = createDataSource(config);
    await db.dataSource.initialize();
    ownDbs.push(db);
    if (migrate) await db.dataSource.runMigrations({ transaction: "each" });
    return db;
  }

  beforeAll(async () => {
    if (schema) await adminQuery(`CREATE SCHEMA ${schema}`);
    const first = await openDb(true);
    a = node(first);
    // A second process has its own pool on PostgreSQL; on SQLite the one connection is the process's.
    b = node(databaseUrl ? await openDb(false) : first);
    await a.services.fields.ensureStandardFields();
    await a.services.syncSettings.ensureDefaults();
    await a.services.mappings.ensureDefaults();
    await integrateEmptyOrg(a.services, "workers-test");
  });

  afterAll(async () => {
    for (const db of ownDbs) await db.dataSource.destroy();
    if (schema) await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it("applies every entry exactly once, in order per record, creating each counterpart and link once", async () => {
    const seed = Number(process.env.SYNC_TEST_SEED ?? Date.now() % 1_000_000);
    const random = seededRandom(seed);
    const s = a.services;
    const stores = { CRM: s.crm, FSM: s.fsm } as unknown as Record<
      Side,
      {
        create(module: string, values: object, who: typeof actor, m?: unknown): Promise<RecordBase>;
        update(module: string, id: string, patch: object, who: typeof actor, m?: unknown): Promise<RecordBase>;
        getMany(module: string, ids: readonly string[]): Promise<(RecordBase & Record<string, unknown>)[]>;
      }
    >;

    // ---- records linked before the race: born on each side, synced by the gateway's own writer ----
    const linked: { crmId: string; fsmId: string }[] = [];
    for (let i = 0; i < 12; i += 1) {
      const { sync } = await s.writer.create("CRM", "Accounts", { accountName: `Linked CRM ${i}` }, actor);
      expect(sync.status).toBe(SyncStatus.SYNCED);
      linked.push({ crmId: sync.crmId!, fsmId: sync.fsmId! });
    }
    for (let i = 0; i < 8; i += 1) {
      const { sync } = await s.writer.create("FSM", "Companies", { companyName: `Linked FSM ${i}` }, actor);
      expect(sync.status).toBe(SyncStatus.SYNCED);
      linked.push({ crmId: sync.crmId!, fsmId: sync.fsmId! });
    }
    expect(await s.outbox.countPending()).toBe(0);
    const setupMaxEntry = (await s.db.manager.maximum(OutboxEntry, "id")) ?? 0;
    const versionBefore = new Map<string, number>();
    for (const pair of linked) {
      versionBefore.set(pair.crmId, (await s.crm.getMany("Accounts", [pair.crmId]))[0].version);
      versionBefore.set(pair.fsmId, (await s.fsm.getMany("Companies", [pair.fsmId]))[0].version);
    }

    // ---- the outbox, written as the gateway's writer does: record + entry in one transaction ----
    const expected = new Map<string, Record<string, unknown>>(); // "SIDE:Module:id" → last values an edit set
    const editsOf = new Map<string, number>(); // "SIDE:Module:id" → committed updates
    const key = (side: Side, module: string, id: string) => `${side}:${module}:${id}`;
    const create = async (side: Side, module: string, values: Record<string, unknown>) =>
      s.db.transaction(async (m) => {
        const record = await stores[side].create(module, values, actor, m);
        await s.outbox.enqueue(m, { side, module, recordId: record.id, operation: "CREATE", values, origin: "GATEWAY", userId: actor.userId });
        return record.id;
      });
    const update = async (side: Side, module: string, id: string, values: Record<string, unknown>) => {
      await s.db.transaction(async (m) => {
        await stores[side].update(module, id, values, actor, m);
        await s.outbox.enqueue(m, { side, module, recordId: id, operation: "UPDATE", values, origin: "GATEWAY", userId: actor.userId });
      });
      const k = key(side, module, id);
      expected.set(k, { ...expected.get(k), ...values });
      editsOf.set(k, (editsOf.get(k) ?? 0) + 1);
    };

    // Unlinked records: their CREATE entries race with their own updates and with their Contacts', whose sync
    // must create the Account's Company first (one process may be creating it at the same moment).
    const unlinkedAccounts: string[] = [];
    const unlinkedCompanies: string[] = [];
    const crmContacts: { id: string; accountId: string }[] = [];
    const fsmContacts: { id: string; companyId: string }[] = [];
    // Each parent's CREATE is followed at once by its Contacts' CREATEs, so two engines take them side by side.
    for (let i = 0; i < 12; i += 1) {
      const accountId = await create("CRM", "Accounts", { accountName: `New CRM ${i}` });
      unlinkedAccounts.push(accountId);
      for (let j = 0; j < (i < 6 ? 2 : 1); j += 1) {
        const n = crmContacts.length;
        crmContacts.push({ id: await create("CRM", "Contacts", { lastName: `Crm ${n}`, email: `crm${n}@workers.example`, accountId }), accountId });
      }
    }
    for (let i = 0; i < 8; i += 1) {
      const companyId = await create("FSM", "Companies", { companyName: `New FSM ${i}` });
      unlinkedCompanies.push(companyId);
      const n = fsmContacts.length;
      fsmContacts.push({ id: await create("FSM", "Contacts", { lastName: `Fsm ${n}`, email: `fsm${n}@workers.example`, companyId }), companyId });
    }

    // Updates, interleaved at random across records, several per record. Linked pairs are edited on both sides,
    // on different fields (the CRM sets phone, the FSM website), so every edit must cross exactly once.
    type Edit = { side: Side; module: string; id: string; field: string };
    const queues: Edit[][] = [];
    const repeat = (n: number, edit: Edit) => Array.from({ length: n }, () => edit);
    for (const pair of linked) {
      queues.push(repeat(6, { side: "CRM", module: "Accounts", id: pair.crmId, field: "phone" }));
      queues.push(repeat(6, { side: "FSM", module: "Companies", id: pair.fsmId, field: "website" }));
    }
    for (const id of unlinkedAccounts) queues.push(repeat(3, { side: "CRM", module: "Accounts", id, field: "phone" }));
    for (const id of unlinkedCompanies) queues.push(repeat(3, { side: "FSM", module: "Companies", id, field: "website" }));
    for (const c of crmContacts) queues.push(repeat(2, { side: "CRM", module: "Contacts", id: c.id, field: "phone" }));
    for (const c of fsmContacts) queues.push(repeat(2, { side: "FSM", module: "Contacts", id: c.id, field: "phone" }));
    let serial = 0;
    while (queues.length) {
      const index = Math.floor(random() * queues.length);
      const edit = queues[index].shift()!;
      if (!queues[index].length) queues.splice(index, 1);
      serial += 1;
      const value = edit.field === "website" ? `https://e${serial}.example` : `+1 555 ${String(serial).padStart(5, "0")}`;
      await update(edit.side, edit.module, edit.id, { [edit.field]: value });
    }
    const entries = await s.db.manager.find(OutboxEntry, { where: { id: MoreThan(setupMaxEntry) }, order: { id: "ASC" } });
    expect(entries.length).toBeGreaterThan(300);
    expect(entries.every((e) => e.state === "PENDING")).toBe(true);

    // ---- the race: both engines, two drain loops each, until nothing is pending (retries included) ----
    const started = Date.now();
    const drained = { a: 0, b: 0 };
    const round = async () => {
      const counts = await Promise.all([
        ...Array.from({ length: LOOPS_PER_ENGINE }, () => a.engine.drain().then((n) => (drained.a += n))),
        ...Array.from({ length: LOOPS_PER_ENGINE }, () => b.engine.drain().then((n) => (drained.b += n))),
      ]);
      return counts;
    };
    await round();
    // A transient failure (e.g. two processes creating the same Account's Company: the link's unique index
    // refuses the second) is retried with backoff; keep draining until the outbox is empty.
    while ((await s.outbox.countPending()) > 0) {
      if (Date.now() - started > DRAIN_DEADLINE_MS)
        throw new Error(`outbox still has ${await s.outbox.countPending()} pending entries after ${DRAIN_DEADLINE_MS} ms (seed ${seed})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await round();
    }
    const after = await s.db.manager.find(OutboxEntry, { where: { id: MoreThan(setupMaxEntry) }, order: { id: "ASC" } });
    const retries = [...a.retries, ...b.retries];
    console.info(
      `[concurrent-workers] seed ${seed}: ${entries.length} entries drained in ${Date.now() - started} ms; ` +
        `engine A committed ${a.applied.length}, engine B ${b.applied.length}; ${retries.length} transient failures retried` +
        retries
          .slice(0, 5)
          .map((r) => `\n  ${r}`)
          .join("") +
        (retries.length > 5 ? `\n  … ${retries.length - 5} more` : ""),
    );

    // ---- every entry DONE, applied exactly once, by one engine ----
    expect(after.filter((e) => e.state !== "DONE").map((e) => ({ id: e.id, state: e.state, lastError: e.lastError }))).toEqual([]);
    expect(a.applied.length).toBeGreaterThan(0);
    expect(b.applied.length).toBeGreaterThan(0);
    const byEngines = [...a.applied, ...b.applied].sort((x, y) => x - y);
    expect(byEngines).toEqual(entries.map((e) => e.id));
    const events = await s.db.manager.find(SyncEvent, { where: { entryId: MoreThan(setupMaxEntry) } });
    const eventsPerEntry = new Map<number, SyncEvent[]>();
    for (const event of events) eventsPerEntry.set(event.entryId!, [...(eventsPerEntry.get(event.entryId!) ?? []), event]);
    expect(entries.filter((e) => eventsPerEntry.get(e.id)?.length !== 1).map((e) => e.id)).toEqual([]);
    expect(events.filter((e) => e.status === SyncStatus.FAILED)).toEqual([]);
    // In order per record: an entry is applied only after the record's older entries committed, so its event
    // is never older than theirs.
    const entriesOfRecord = new Map<string, OutboxEntry[]>();
    for (const e of entries) entriesOfRecord.set(key(e.side, e.module, e.recordId), [...(entriesOfRecord.get(key(e.side, e.module, e.recordId)) ?? []), e]);
    for (const [record, list] of entriesOfRecord) {
      const times = list.map((e) => eventsPerEntry.get(e.id)![0].time.getTime());
      expect({ record, times }).toEqual({ record, times: [...times].sort((x, y) => x - y) });
    }
    // No echo: each event went the way its entry did, and the sync's own writes enqueued nothing.
    for (const entry of entries) {
      expect(eventsPerEntry.get(entry.id)![0].flow).toBe(entry.side === "CRM" ? SyncFlow.CRM_TO_FSM : SyncFlow.FSM_TO_CRM);
    }
    expect(await s.db.manager.count(OutboxEntry, { where: { id: MoreThan(setupMaxEntry) } })).toBe(entries.length);

    // ---- exactly one link and one counterpart per record ----
    const links = await s.db.manager.find(SyncLink);
    expect(links.filter((l) => l.crmModule === "Accounts")).toHaveLength(linked.length + unlinkedAccounts.length + unlinkedCompanies.length);
    expect(links.filter((l) => l.crmModule === "Contacts")).toHaveLength(crmContacts.length + fsmContacts.length);
    for (const column of ["crmId", "fsmId"] as const) {
      expect(new Set(links.map((l) => `${l.crmModule}:${l[column]}`)).size).toBe(links.length);
    }
    const countRows = async (table: string) => Number((await s.db.manager.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    expect(await countRows("crm_account")).toBe(linked.length + unlinkedAccounts.length + unlinkedCompanies.length);
    expect(await countRows("fsm_company")).toBe(linked.length + unlinkedAccounts.length + unlinkedCompanies.length);
    expect(await countRows("crm_contact")).toBe(crmContacts.length + fsmContacts.length);
    expect(await countRows("fsm_contact")).toBe(crmContacts.length + fsmContacts.length);
    const linkOf = (side: Side, module: string, id: string) => {
      const link = links.find((l) => (side === "CRM" ? l.crmModule === module && l.crmId === id : l.fsmModule === module && l.fsmId === id));
      if (!link) throw new Error(`no link for ${side} ${module} ${id}`);
      return link;
    };

    // ---- the other side holds each record's last edit ----
    const otherOf = (side: Side, module: string, id: string) => {
      const link = linkOf(side, module, id);
      return side === "CRM" ? { side: "FSM" as Side, module: link.fsmModule, id: link.fsmId } : { side: "CRM" as Side, module: link.crmModule, id: link.crmId };
    };
    for (const [k, values] of expected) {
      const [side, module, id] = k.split(":") as [Side, string, string];
      const other = otherOf(side, module, id);
      const [record] = await stores[other.side].getMany(other.module, [other.id]);
      expect({ record: k, ...Object.fromEntries(Object.keys(values).map((f) => [f, record[f]])) }).toEqual({ record: k, ...values });
    }
    // Contacts landed in their Account's Company (and back), each Account synced once.
    for (const c of crmContacts) {
      const [fsmContact] = await s.fsm.getMany("Contacts", [linkOf("CRM", "Contacts", c.id).fsmId]);
      expect(fsmContact.companyId).toBe(linkOf("CRM", "Accounts", c.accountId).fsmId);
    }
    for (const c of fsmContacts) {
      const [crmContact] = await s.crm.getMany("Contacts", [linkOf("FSM", "Contacts", c.id).crmId]);
      expect(crmContact.accountId).toBe(linkOf("FSM", "Companies", c.companyId).crmId);
    }

    // ---- no write applied twice: each edit of a linked pair wrote its counterpart exactly once ----
    for (const pair of linked) {
      const crmEdits = editsOf.get(key("CRM", "Accounts", pair.crmId)) ?? 0;
      const fsmEdits = editsOf.get(key("FSM", "Companies", pair.fsmId)) ?? 0;
      const [account] = await s.crm.getMany("Accounts", [pair.crmId]);
      const [company] = await s.fsm.getMany("Companies", [pair.fsmId]);
      expect(account.version).toBe(versionBefore.get(pair.crmId)! + crmEdits + fsmEdits);
      expect(company.version).toBe(versionBefore.get(pair.fsmId)! + crmEdits + fsmEdits);
    }
  }, 120_000);
});
