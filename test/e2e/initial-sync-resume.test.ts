import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { runPostgresSql } from "../support/postgres-admin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDataSource } from "../../src/db/create-data-source";
import { createServices } from "../../src/create-services";
import type { Database } from "../../src/db/database";
import type { Services } from "../../src/services";
import { ADMINISTRATOR_PROFILE } from "../../src/access/user.entity";
import { SyncLink } from "../../src/links/sync-link.entity";
import { SyncEvent, SyncFlow, SyncStatus } from "../../src/sync/history/sync-event.entity";
import { MailMessage } from "../../src/notifications/mail-message.entity";
import { InitialSyncJob, JobState } from "../../src/sync/initial/initial-sync-job.entity";
import { InitialSyncJobDocument, StartInitialSyncDocument } from "../generated/graphql";
import { query } from "../support/graphql-client";
import { testConfig } from "../support/test-gateway";
import { GatewayChild, sleep } from "../support/gateway-child-process";
import { Random } from "../../src/seed/random";

/**
 * Issue 5, "resume after a SIGKILL midway with no duplicates": a gateway child process (real HTTP server, sync
 * worker on, initial-sync pages of INITIAL_SYNC_BATCH_SIZE records) runs the initial sync (Overwrite) of two
 * systems that have never been synced, with duplicates on both sides. The parent starts it over GraphQL, kills
 * the child with SIGKILL at random moments while the job runs, restarts it each time (the gateway resumes the
 * RUNNING job at start) and waits for COMPLETED. Afterwards: every record that could sync is linked exactly once,
 * each duplicate to its own twin; no counterpart was created twice; done == total; the counts add up and match
 * the job's history events one for one.
 *
 * INITIAL_SYNC_RESUME_KILLS (default 10) and INITIAL_SYNC_RESUME_SEED make longer or replayable runs.
 */

const databaseUrl = process.env.DATABASE_URL;
const KILLS = Number(process.env.INITIAL_SYNC_RESUME_KILLS ?? 10);
const SEED = Number(process.env.INITIAL_SYNC_RESUME_SEED ?? Date.now() % 1_000_000);
const BATCH_SIZE = 5;
const PROGRESS_TIMEOUT_MS = 15_000;
const COMPLETE_TIMEOUT_MS = 30_000;

// The generated organisation (see seed()): sizes and which records have a twin on the other side.
const ACCOUNTS = 60;
const FSM_ONLY_COMPANIES = 15;
const CONTACTS = 150;
const FSM_ONLY_CONTACTS = 20;
const PRICED_PRODUCTS = 8;
const UNPRICED_PRODUCTS = 2;

const onPostgres = (sql: string) => runPostgresSql(databaseUrl!, sql);

/**
 * Two systems never synced. Accounts: every third has a Company of the same name on the FSM side (other phone,
 * a website); some Companies exist only in the FSM. Contacts: every third CRM Contact has an FSM twin with the
 * same e-mail (in its Account's twin Company where there is one); a few have no e-mail, which the FSM requires
 * (they fail); some FSM Contacts exist only there. Products: most priced (sync), two without a price (fail).
 */
async function seed(services: Services) {
  const actor = { userId: "seed" };
  const { crm, fsm } = services;
  const accounts = await crm.createMany(
    "Accounts",
    Array.from({ length: ACCOUNTS }, (_, i) => ({ accountName: `Resume Co ${i}`, phone: `+1 555 ${1000 + i}`, industry: "Retail" })),
    actor,
  );
  const twinAccounts = accounts.filter((_, i) => i % 3 === 0);
  const twinCompanies = await fsm.createMany(
    "Companies",
    twinAccounts.map((a, i) => ({ companyName: a.accountName, phone: `+9 999 ${i}`, website: `https://twin${i}.fsm.example` })),
    actor,
  );
  const companyTwinOf = new Map(twinAccounts.map((a, i) => [a.id, twinCompanies[i]]));
  const fsmOnlyCompanies = await fsm.createMany(
    "Companies",
    Array.from({ length: FSM_ONLY_COMPANIES }, (_, i) => ({ companyName: `Field Only Co ${i}` })),
    actor,
  );

  const contacts = await crm.createMany(
    "Contacts",
    Array.from({ length: CONTACTS }, (_, i) => ({
      lastName: `Person ${i}`,
      firstName: i % 2 ? "Alex" : null,
      email: i % 37 === 5 ? null : `person${i}@resume.example`,
      accountId: accounts[i % ACCOUNTS].id,
    })),
    actor,
  );
  const twinContactsCrm = contacts.filter((c, i) => i % 3 === 0 && c.email);
  const twinContacts = await fsm.createMany(
    "Contacts",
    twinContactsCrm.map((c) => ({
      lastName: `Twin of ${c.lastName}`,
      firstName: "Sam",
      email: c.email!,
      companyId: companyTwinOf.get(c.accountId!)?.id ?? null,
    })),
    actor,
  );
  const fsmOnlyContacts = await fsm.createMany(
    "Contacts",
    Array.from({ length: FSM_ONLY_CONTACTS }, (_, i) => ({
      lastName: `Field Person ${i}`,
      email: `field${i}@fsm.example`,
      companyId: fsmOnlyCompanies[i % FSM_ONLY_COMPANIES].id,
    })),
    actor,
  );
  const products = await crm.createMany(
    "Products",
    [
      ...Array.from({ length: PRICED_PRODUCTS }, (_, i) => ({ productName: `Visit ${i}`, unitPrice: 50 + i, type: "Service" })),
      ...Array.from({ length: UNPRICED_PRODUCTS }, (_, i) => ({ productName: `Sample ${i}`, type: "Goods" })),
    ],
    actor,
  );
  return {
    accounts,
    twinAccounts,
    twinCompanies,
    fsmOnlyCompanies,
    contacts,
    twinContactsCrm,
    twinContacts,
    fsmOnlyContacts,
    products,
    contactsWithEmail: contacts.filter((c) => c.email),
    contactsWithoutEmail: contacts.filter((c) => !c.email),
  };
}

interface Kill {
  life: number;
  mode: "at-start" | "after-progress";
  delayMs: number;
  doneBefore: number;
  doneAfter: number;
  state: JobState;
}

describe(`initial sync resumes after SIGKILL with no duplicates (${databaseUrl ? "PostgreSQL" : "SQLite file"})`, () => {
  const schema = databaseUrl ? `isresume_${randomBytes(6).toString("hex")}` : null;
  const tempDir = databaseUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), "initial-sync-resume-"));
  const sqlitePath = tempDir ? path.join(tempDir, "gateway.sqlite") : ":memory:";
  const childEnv: NodeJS.ProcessEnv = {
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema! } : { DATABASE_URL: "", SQLITE_PATH: sqlitePath }),
    SYNC_WORKER: "true",
    INITIAL_SYNC_BATCH_SIZE: String(BATCH_SIZE),
    LOG_LEVEL: process.env.INITIAL_SYNC_RESUME_LOG_LEVEL ?? "error",
    SEED_DEMO_DATA: "false",
    SMTP_URL: "",
  };
  let db: Database;
  let services: Services;
  let child: GatewayChild | null = null;

  beforeAll(async () => {
    GatewayChild.assertBuilt();
    if (schema) await onPostgres(`CREATE SCHEMA ${schema}`);
    // The parent's own connection: migrates, seeds, creates the admin, and reads the outcome.
    db = createDataSource(testConfig({ databaseSchema: schema, sqlitePath }));
    await db.dataSource.initialize();
    await db.dataSource.runMigrations({ transaction: "each" });
    services = createServices(testConfig({ databaseSchema: schema, sqlitePath }), db, pino({ level: "silent" }));
    await services.fields.ensureStandardFields();
    await services.syncSettings.ensureDefaults();
    await services.mappings.ensureDefaults();
  });

  afterAll(async () => {
    await child?.stop();
    await db?.dataSource.destroy();
    if (schema) await onPostgres(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it(`links every record exactly once across up to ${KILLS} SIGKILLs mid-job`, async () => {
    const random = (
      (rng) => () =>
        rng.next()
    )(new Random(SEED));
    const startedAt = Date.now();
    const org = await seed(services);
    const admin = await services.access.createUser({ name: "Admin", email: "admin@resume.example", profile: ADMINISTRATOR_PROFILE });
    const { token } = await services.access.issueToken(admin.id, "resume test");
    const count = (table: string) => db.manager.query(`SELECT COUNT(*) AS n FROM ${table}`).then((rows: { n: number | string }[]) => Number(rows[0].n));
    const before = {
      companies: await count("fsm_company"),
      accounts: await count("crm_account"),
      fsmContacts: await count("fsm_contact"),
      crmContacts: await count("crm_contact"),
      parts: await count("fsm_service_and_part"),
    };
    const jobRow = (id: string) => db.manager.findOneByOrFail(InitialSyncJob, { id });

    // ---- start over GraphQL, then kill and restart at random moments while the job runs ----
    child = await GatewayChild.start(childEnv);
    const { startInitialSync } = await query(child.url, StartInitialSyncDocument, { duplicateMode: "OVERWRITE" }, token);
    const jobId = startInitialSync.id;
    const total = startInitialSync.total;
    expect(startInitialSync).toMatchObject({ state: "RUNNING", done: 0 });
    // The gateway goes on answering while the job runs (on SQLite the job once held the event loop to its end).
    const meanwhile = (await query(child.url, InitialSyncJobDocument, { id: jobId }, token)).initialSyncJob;
    expect(meanwhile).toMatchObject({ state: "RUNNING", total });
    const kills: Kill[] = [];
    for (let life = 0; life < KILLS; life += 1) {
      const lifeStart = await jobRow(jobId);
      if (lifeStart.state !== JobState.RUNNING) break;
      // A third of the kills come right after start-up (while the resumed job takes its first page); the rest once
      // this process has committed at least one page of its own, a random moment later.
      const mode: Kill["mode"] = life % 3 === 2 ? "at-start" : "after-progress";
      if (mode === "after-progress") {
        const waitStart = Date.now();
        while ((await jobRow(jobId)).done === lifeStart.done && (await jobRow(jobId)).state === JobState.RUNNING) {
          if (Date.now() - waitStart > PROGRESS_TIMEOUT_MS)
            throw new Error(`life ${life}: no progress within ${PROGRESS_TIMEOUT_MS} ms (seed ${SEED})\n${GatewayChild.output}`);
          await sleep(5);
        }
      }
      const delayMs = Math.floor(random() * (mode === "at-start" ? 15 : 25));
      await sleep(delayMs);
      const doneBefore = (await jobRow(jobId)).done;
      await child.kill();
      const after = await jobRow(jobId);
      kills.push({ life, mode, delayMs, doneBefore, doneAfter: after.done, state: after.state });
      child = await GatewayChild.start(childEnv);
    }

    // ---- the last process finishes the job ----
    const waitStart = Date.now();
    let job = (await query(child.url, InitialSyncJobDocument, { id: jobId }, token)).initialSyncJob;
    while (job.state === "RUNNING") {
      if (Date.now() - waitStart > COMPLETE_TIMEOUT_MS)
        throw new Error(`job not COMPLETED within ${COMPLETE_TIMEOUT_MS} ms (seed ${SEED}): ${JSON.stringify(job)}\n${GatewayChild.output}`);
      await sleep(50);
      job = (await query(child.url, InitialSyncJobDocument, { id: jobId }, token)).initialSyncJob;
    }
    await child.stop();
    child = null;

    // ---- the kills really landed while the job ran, and it resumed where it was (done never went back) ----
    const midJob = kills.filter((k) => k.state === JobState.RUNNING && k.doneAfter > 0 && k.doneAfter < total);
    const summary = `seed ${SEED}, total ${total}, kills ${JSON.stringify(kills)}`;
    expect(midJob.length, summary).toBeGreaterThanOrEqual(Math.min(3, KILLS));
    kills.forEach((k, i) => expect(k.doneAfter, summary).toBeGreaterThanOrEqual(i ? kills[i - 1].doneAfter : 0));
    expect(job, summary).toMatchObject({ state: "COMPLETED", error: null });

    // ---- done == total == every record that existed at the start ----
    const seeded =
      ACCOUNTS + CONTACTS + PRICED_PRODUCTS + UNPRICED_PRODUCTS + org.twinCompanies.length + FSM_ONLY_COMPANIES + org.twinContacts.length + FSM_ONLY_CONTACTS;
    expect(job.total).toBe(seeded);
    expect(job.done).toBe(job.total);

    // ---- links: no record linked twice, each twin with its own twin, everything that could sync linked ----
    const links = await db.manager.find(SyncLink);
    const twice = (key: (l: SyncLink) => string) =>
      [...links.reduce((m, l) => m.set(key(l), (m.get(key(l)) ?? 0) + 1), new Map<string, number>())].filter(([, n]) => n > 1);
    expect(twice((l) => `${l.crmModule}/${l.crmId}`)).toEqual([]);
    expect(twice((l) => `${l.fsmModule}/${l.fsmId}`)).toEqual([]);
    const crmLinked = new Map(links.map((l) => [`${l.crmModule}/${l.crmId}`, l.fsmId]));
    const fsmLinked = new Map(links.map((l) => [`${l.fsmModule}/${l.fsmId}`, l.crmId]));
    org.twinAccounts.forEach((a, i) => expect(crmLinked.get(`Accounts/${a.id}`), a.accountName).toBe(org.twinCompanies[i].id));
    org.twinContactsCrm.forEach((c, i) => expect(crmLinked.get(`Contacts/${c.id}`), c.email!).toBe(org.twinContacts[i].id));
    const unlinked = [
      ...org.accounts.filter((a) => !crmLinked.has(`Accounts/${a.id}`)).map((a) => a.accountName),
      ...org.contactsWithEmail.filter((c) => !crmLinked.has(`Contacts/${c.id}`)).map((c) => c.email),
      ...org.products
        .slice(0, PRICED_PRODUCTS)
        .filter((p) => !crmLinked.has(`Products/${p.id}`))
        .map((p) => p.productName),
      ...org.fsmOnlyCompanies.filter((c) => !fsmLinked.has(`Companies/${c.id}`)).map((c) => c.companyName),
      ...org.fsmOnlyContacts.filter((c) => !fsmLinked.has(`Contacts/${c.id}`)).map((c) => c.email),
    ];
    expect(unlinked).toEqual([]);
    // What could not sync stayed unlinked (and failed, see the counts).
    expect(org.contactsWithoutEmail.filter((c) => crmLinked.has(`Contacts/${c.id}`))).toEqual([]);
    expect(org.products.slice(PRICED_PRODUCTS).filter((p) => crmLinked.has(`Products/${p.id}`))).toEqual([]);

    // ---- counterparts: exactly one per record without a twin, none twice ----
    const createdFsmCompanies = ACCOUNTS - org.twinAccounts.length;
    const createdFsmContacts = org.contactsWithEmail.length - org.twinContacts.length;
    const after = {
      companies: await count("fsm_company"),
      accounts: await count("crm_account"),
      fsmContacts: await count("fsm_contact"),
      crmContacts: await count("crm_contact"),
      parts: await count("fsm_service_and_part"),
    };
    expect(after).toEqual({
      companies: before.companies + createdFsmCompanies,
      accounts: before.accounts + FSM_ONLY_COMPANIES,
      fsmContacts: before.fsmContacts + createdFsmContacts,
      crmContacts: before.crmContacts + FSM_ONLY_CONTACTS,
      parts: before.parts + PRICED_PRODUCTS,
    });
    const linksOf = (crmModule: string) => links.filter((l) => l.crmModule === crmModule).length;
    expect({ accounts: linksOf("Accounts"), contacts: linksOf("Contacts"), products: linksOf("Products") }).toEqual({
      accounts: after.companies,
      contacts: after.fsmContacts,
      products: after.parts,
    });
    const sameName = async (table: string, column: string) =>
      db.manager.query<unknown[]>(`SELECT ${column} AS v, COUNT(*) AS n FROM ${table} GROUP BY ${column} HAVING COUNT(*) > 1`);
    expect(await sameName("fsm_company", `"companyName"`)).toEqual([]);
    expect(await sameName("crm_account", `"accountName"`)).toEqual([]);
    expect(await sameName("fsm_contact", `"email"`)).toEqual([]);

    // ---- each twin merged once: the CRM value won where both had one, nothing written twice ----
    const companies = await services.fsm.getMany(
      "Companies",
      org.twinCompanies.map((c) => c.id),
    );
    for (const company of companies) {
      const account = org.twinAccounts.find((a) => a.accountName === company.companyName)!;
      expect({ name: company.companyName, phone: company.phone, version: company.version }).toEqual({
        name: account.accountName,
        phone: account.phone,
        version: 2,
      });
    }
    const twinAccounts = await services.crm.getMany(
      "Accounts",
      org.twinAccounts.map((a) => a.id),
    );
    expect(twinAccounts.filter((a) => !a.website?.startsWith("https://twin") || a.version !== 2).map((a) => a.accountName)).toEqual([]);

    // ---- the counts add up, and match the job's history one for one ----
    const counts = job.counts as Record<string, number>;
    const twins = org.twinAccounts.length + org.twinContacts.length;
    expect((counts.OVERWRITTEN ?? 0) + (counts.LINKED ?? 0), JSON.stringify(counts)).toBe(twins);
    expect(counts.COUNTERPART_CREATED).toBe(createdFsmCompanies + FSM_ONLY_COMPANIES + createdFsmContacts + FSM_ONLY_CONTACTS + PRICED_PRODUCTS);
    expect(counts["FAILED:MANDATORY_NOT_FOUND"]).toBe(org.contactsWithoutEmail.length + UNPRICED_PRODUCTS);
    const sum = Object.values(counts).reduce((a, b) => a + b, 0);
    // Every CRM record has one outcome; on the FSM side only the records nobody had linked yet.
    expect(sum).toBe(ACCOUNTS + CONTACTS + PRICED_PRODUCTS + UNPRICED_PRODUCTS + FSM_ONLY_COMPANIES + FSM_ONLY_CONTACTS);
    const events = await db.manager.find(SyncEvent, { where: { runId: jobId } });
    expect(events).toHaveLength(sum);
    const eventCounts: Record<string, number> = {};
    for (const e of events) {
      const key = e.status === SyncStatus.SYNCED ? (e.reason ?? "SYNCED") : `${e.status}:${e.reason}`;
      eventCounts[key] = (eventCounts[key] ?? 0) + 1;
    }
    expect(eventCounts).toEqual(counts);
    const recordKeys = events.map((e) => (e.flow === SyncFlow.CRM_TO_FSM ? `crm ${e.crmId}` : `fsm ${e.fsmId}`));
    expect(recordKeys.length - new Set(recordKeys).size).toBe(0);

    // ---- one start mail; the completion mail at most once (a kill between the job's last commit and the mail loses it) ----
    const mails = await db.manager.find(MailMessage);
    expect(mails.filter((m) => m.subject === `Initial sync ${jobId} started`)).toHaveLength(1);
    expect(mails.filter((m) => m.subject === `Initial sync ${jobId} completed`).length).toBeLessThanOrEqual(1);

    console.info(
      `[initial-sync-resume] ${databaseUrl ? "PostgreSQL" : "SQLite"}, seed ${SEED}: ${kills.length} SIGKILLs (${midJob.length} mid-job, done at each: ${kills.map((k) => k.doneAfter).join(", ")} of ${total}) ` +
        `in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; counts ${JSON.stringify(counts)}`,
    );
  }, 90_000);
});
