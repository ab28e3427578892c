import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import {
  CreateCrmViewDocument,
  InitialSyncDryRunDocument,
  InitialSyncJobDocument,
  StartInitialSyncDocument,
  UpdateSyncSettingsDocument,
} from "../generated/graphql";
import { SyncLink } from "../../src/links/sync-link.entity";
import { SyncEvent } from "../../src/sync/history/sync-event.entity";
import { MailMessage } from "../../src/notifications/mail-message.entity";
import { DuplicateMode, InitialSyncJob, JobState } from "../../src/sync/initial/initial-sync-job.entity";
import { SyncReason } from "../../src/sync/sync-reason";

/** Two systems that have never been synced: duplicates on both sides, records on one side only. */
async function seedUnsyncedOrgs(t: TestGateway) {
  const actor = { userId: "seed" };
  const { crm, fsm } = t.services;
  const acme = await crm.create("Accounts", { accountName: "Acme", phone: "+1 111", industry: "Retail" }, actor);
  const beta = await crm.create("Accounts", { accountName: "Beta", industry: "Hospitality" }, actor);
  const acmeFsm = await fsm.create("Companies", { companyName: "Acme", phone: "+9 999", website: "https://acme.fsm.example" }, actor);
  const delta = await fsm.create("Companies", { companyName: "Delta" }, actor);
  const ann = await crm.create("Contacts", { lastName: "Ann", email: "ann@acme.example", accountId: acme.id }, actor);
  const annFsm = await fsm.create("Contacts", { lastName: "Annabel", firstName: "Ann", email: "ann@acme.example", companyId: acmeFsm.id }, actor);
  const bob = await crm.create("Contacts", { lastName: "Bob", email: "bob@beta.example", accountId: beta.id }, actor);
  const priced = await crm.create("Products", { productName: "Visit", unitPrice: 90, type: "Service" }, actor);
  const unpriced = await crm.create("Products", { productName: "Sample", type: "Goods" }, actor);
  return { acme, beta, acmeFsm, delta, ann, annFsm, bob, priced, unpriced };
}

async function runToEnd(t: TestGateway, mode: "CLONE" | "OVERWRITE") {
  const { startInitialSync } = await query(t.url, StartInitialSyncDocument, { duplicateMode: mode }, t.admin.token);
  expect(startInitialSync).toMatchObject({ state: "RUNNING", duplicateMode: mode });
  await t.services.initialSync.idle();
  return (await query(t.url, InitialSyncJobDocument, { id: startInitialSync.id }, t.admin.token)).initialSyncJob;
}

const linkOf = (t: TestGateway, crmId: string) => t.services.db.manager.findOneBy(SyncLink, { crmId });

describe("initial sync", () => {
  let t: TestGateway;
  let org: Awaited<ReturnType<typeof seedUnsyncedOrgs>>;

  beforeEach(async () => {
    t = await startTestGateway({ syncWorker: false });
    org = await seedUnsyncedOrgs(t);
  });
  afterEach(() => t.stop());

  it("Overwrite links duplicates and merges them field by field: the CRM value where both have one, else the FSM value", async () => {
    const job = await runToEnd(t, "OVERWRITE");
    expect(job).toMatchObject({ state: "COMPLETED", done: job.total });
    expect(job.total).toBe(9); // 2 Accounts, 2 Companies, 2 + 1 Contacts, 2 Products
    expect((await linkOf(t, org.acme.id))?.fsmId).toBe(org.acmeFsm.id);
    const acmeFsm = (await t.services.fsm.getMany("Companies", [org.acmeFsm.id]))[0];
    const acme = (await t.services.crm.getMany("Accounts", [org.acme.id]))[0];
    expect(acmeFsm.phone).toBe("+1 111"); // both had one: the CRM's wins
    expect(acme.website).toBe("https://acme.fsm.example"); // only the FSM had one: kept, and filled in the CRM
    expect((await linkOf(t, org.ann.id))?.fsmId).toBe(org.annFsm.id);
    expect((await t.services.fsm.getMany("Contacts", [org.annFsm.id]))[0].lastName).toBe("Ann");
    expect((await t.services.crm.getMany("Contacts", [org.ann.id]))[0].firstName).toBe("Ann");
    // Unmatched records got counterparts on the other side, in each direction.
    const betaLink = await linkOf(t, org.beta.id);
    expect((await t.services.fsm.getMany("Companies", [betaLink!.fsmId]))[0].companyName).toBe("Beta");
    const deltaLink = await t.services.db.manager.findOneByOrFail(SyncLink, { fsmId: org.delta.id });
    expect((await t.services.crm.getMany("Accounts", [deltaLink.crmId]))[0].accountName).toBe("Delta");
    expect(job.counts).toMatchObject({ OVERWRITTEN: 2, COUNTERPART_CREATED: 4, "FAILED:MANDATORY_NOT_FOUND": 1 });
    // Its history is a run of its own, with the failure in it.
    const failed = await t.services.db.manager.findOneByOrFail(SyncEvent, { runId: job.id, reason: SyncReason.MANDATORY_NOT_FOUND });
    expect(failed.crmId).toBe(org.unpriced.id);
    // The admins were told when it started and when it ended, with the Sync Id and the counts.
    const mails = await t.services.db.manager.find(MailMessage, { order: { createdTime: "ASC" } });
    expect(mails.map((m) => m.subject)).toEqual([`Initial sync ${job.id} started`, `Initial sync ${job.id} completed`]);
    expect(mails[1].to).toContain(t.admin.user.email);
    expect(mails[1].text).toContain("OVERWRITTEN: 2");
  });

  it("Clone creates the counterpart of a duplicate anyway", async () => {
    const job = await runToEnd(t, "CLONE");
    expect(job.state).toBe("COMPLETED");
    const acmeLink = await linkOf(t, org.acme.id);
    expect(acmeLink!.fsmId).not.toBe(org.acmeFsm.id);
    const companies = await t.services.fsm.list("Companies", { equals: { companyName: "Acme" } }, { first: 10, direction: "ASC" });
    expect(companies.records).toHaveLength(2);
    // The FSM's own Acme is not matched either: it gets its own CRM Account.
    const fsmAcmeLink = await t.services.db.manager.findOneByOrFail(SyncLink, { fsmId: org.acmeFsm.id });
    expect(fsmAcmeLink.crmId).not.toBe(org.acme.id);
    expect(job.counts.CLONED).toBe(2); // Acme, and Ann by her e-mail
  });

  it("dry run reports what it would do and writes nothing", async () => {
    const links = await t.services.db.manager.count(SyncLink);
    const companies = await (await t.services.fsm.list("Companies", {}, { first: 1, direction: "ASC" })).countTotal();
    const { initialSyncDryRun } = await query(t.url, InitialSyncDryRunDocument, { duplicateMode: "OVERWRITE" }, t.admin.token);
    expect(initialSyncDryRun.counts).toMatchObject({ OVERWRITTEN: 2, COUNTERPART_CREATED: 4, "FAILED:MANDATORY_NOT_FOUND": 1 });
    expect(initialSyncDryRun.sample.find((a) => a.crmId === org.acme.id)).toMatchObject({ reason: "OVERWRITTEN", fsmId: org.acmeFsm.id });
    expect(await t.services.db.manager.count(SyncLink)).toBe(links);
    expect(await (await t.services.fsm.list("Companies", {}, { first: 1, direction: "ASC" })).countTotal()).toBe(companies);
    expect((await t.services.fsm.getMany("Companies", [org.acmeFsm.id]))[0].phone).toBe("+9 999");
  });

  it("syncs from the CRM only the Accounts and Contacts in the chosen views", async () => {
    const { createCrmView } = await query(
      t.url,
      CreateCrmViewDocument,
      { module: "Accounts", name: "Retail", conditions: [{ field: "Industry", operator: "EQUALS", value: "Retail" }] },
      t.admin.token,
    );
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { crmViewId: createCrmView.id } }, t.admin.token);
    const job = await runToEnd(t, "OVERWRITE");
    expect(await linkOf(t, org.acme.id)).not.toBeNull();
    expect(await linkOf(t, org.beta.id)).toBeNull();
    expect(job.counts["SKIPPED:NOT_IN_VIEW"]).toBe(1);
    // Bob's Account is outside the view: Bob syncs without a Company.
    const bobLink = await linkOf(t, org.bob.id);
    expect((await t.services.fsm.getMany("Contacts", [bobLink!.fsmId]))[0].companyId).toBeNull();
    // The view holds for instant sync too.
    const wrongView = await execute(t.url, UpdateSyncSettingsDocument, { pair: "CONTACTS_CONTACTS", input: { crmViewId: createCrmView.id } }, t.admin.token);
    expect(wrongView.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "crmViewId" } });
  });

  it("follows each pair's direction", async () => {
    await query(t.url, UpdateSyncSettingsDocument, { pair: "CONTACTS_CONTACTS", input: { enabled: false } }, t.admin.token);
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { direction: "FSM_TO_CRM" } }, t.admin.token);
    await runToEnd(t, "CLONE");
    expect(await linkOf(t, org.beta.id)).toBeNull(); // CRM → FSM is off
    expect(await t.services.db.manager.findOneBy(SyncLink, { fsmId: org.delta.id })).not.toBeNull();
    expect(await linkOf(t, org.ann.id)).toBeNull(); // Contacts are off
  });

  it("resumes a stopped job where it stopped, creating nothing twice", async () => {
    await t.stop();
    t = await startTestGateway({ syncWorker: false, initialSyncBatchSize: 1 });
    org = await seedUnsyncedOrgs(t);
    const startInitialSync = await t.services.initialSync.start(DuplicateMode.OVERWRITE, t.admin.user.id);
    await t.services.initialSync.stop(); // as a shutdown would: the batch under way finishes, the job stays RUNNING
    const halfway = (await query(t.url, InitialSyncJobDocument, { id: startInitialSync.id }, t.admin.token)).initialSyncJob;
    expect(halfway.state).toBe("RUNNING");
    expect(halfway.done).toBeLessThan(halfway.total);
    await t.services.initialSync.resume();
    await t.services.initialSync.idle();
    const job = (await query(t.url, InitialSyncJobDocument, { id: startInitialSync.id }, t.admin.token)).initialSyncJob;
    expect(job, JSON.stringify(job)).toMatchObject({ state: "COMPLETED", done: 9 });
    expect(job.counts).toMatchObject({ OVERWRITTEN: 2, COUNTERPART_CREATED: 4 });
    expect(await t.services.db.manager.count(SyncLink)).toBe(6); // Acme, Beta, Delta, Ann, Bob, Visit: each paired once
  });

  it("refuses a second start while one runs, and is admin-only", async () => {
    const first = await query(t.url, StartInitialSyncDocument, { duplicateMode: "CLONE" }, t.admin.token);
    await t.services.initialSync.idle();
    // A job some process is still running (as a row says), whatever this process does.
    await t.services.db.manager.insert(InitialSyncJob, {
      id: "INIT-RUNNING",
      state: JobState.RUNNING,
      duplicateMode: DuplicateMode.CLONE,
      counts: {},
      startedTime: new Date(),
    });
    const second = await execute(t.url, StartInitialSyncDocument, { duplicateMode: "CLONE" }, t.admin.token);
    expect(second.errors?.[0].extensions?.code).toBe("CONFLICT");
    expect((await execute(t.url, InitialSyncJobDocument, { id: first.startInitialSync.id }, t.standard.token)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
