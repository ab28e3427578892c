import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, postGraphQL, query } from "../support/graphql-client";
import {
  CreateAccountDocument,
  DeleteAccountDocument,
  DeleteCompanyDocument,
  SyncRecordNowDocument,
  UpdateAccountDocument,
  UpdateSyncSettingsDocument,
  AccountDocument,
} from "../generated/graphql";
import { SyncEvent } from "../../src/sync/history/sync-event.entity";
import { SyncLink } from "../../src/links/sync-link.entity";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("field conflicts and deletions", () => {
  let t: TestGateway;
  const linkedAccount = async (name: string) => {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: name } }, t.standard.token);
    return { accountId: createAccount.record!.id, companyId: createAccount.sync.fsmId! };
  };
  /** A gateway edit committed now whose sync has not run yet. */
  const deferredCrmEdit = (id: string, values: Record<string, unknown>) =>
    t.services.db.transaction(async (m) => {
      await t.services.crm.update("Accounts", id, values, { userId: "test" }, m);
      await t.services.outbox.enqueue(m, { side: "CRM", module: "Accounts", recordId: id, operation: "UPDATE", values, origin: "GATEWAY", userId: "test" });
    });
  const announceFsm = (id: string) =>
    t.services.db.transaction((m) =>
      t.services.outbox.enqueue(m, { side: "FSM", module: "Companies", recordId: id, operation: "UPDATE", values: null, origin: "HOOK", userId: null }),
    );

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t.stop());

  it("when both sides edited a field since the last sync, the later edit wins on both, and the conflict is recorded", async () => {
    const { accountId, companyId } = await linkedAccount("Conflict Co");
    await deferredCrmEdit(accountId, { phone: "crm-earlier", website: "https://crm-only.example" });
    await pause(5);
    await t.services.fsm.update("Companies", companyId, { phone: "fsm-later" }, { userId: "outside" });
    await announceFsm(companyId);
    await t.services.engine.drain();
    const account = (await t.services.crm.getMany("Accounts", [accountId]))[0];
    const company = (await t.services.fsm.getMany("Companies", [companyId]))[0];
    expect(account.phone).toBe("fsm-later");
    expect(company.phone).toBe("fsm-later");
    expect(company.website).toBe("https://crm-only.example"); // edited on one side only: no conflict
    const events = await t.services.db.manager.findBy(SyncEvent, { crmId: accountId });
    const conflicts = events.flatMap((e) => e.conflicts ?? []);
    expect(conflicts).toContainEqual({ field: "Phone", winner: "FSM" });
    expect(conflicts.find((c) => c.field === "Website")).toBeUndefined();
  });

  it("a sync without conflicts reads back as conflicts: [] over GraphQL, not a null in a non-null list", async () => {
    const { accountId } = await linkedAccount("Calm Co");
    const selection = "syncStatus { status conflicts }";
    const edited = await execute(t.url, UpdateAccountDocument, { id: accountId, input: { phone: "+1 555 0199" } }, t.standard.token);
    expect(edited.errors).toBeUndefined();
    const read = await postGraphQL<{ account: { syncStatus: { status: string; conflicts: unknown[] } } }>(
      t.url,
      { query: `query { account(id: "${accountId}") { ${selection} } }` },
      t.standard.token,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.account.syncStatus).toEqual({ status: "SYNCED", conflicts: [] });
  });

  it("lets the CRM edit win when it is the later one", async () => {
    const { accountId, companyId } = await linkedAccount("Later CRM");
    await t.services.fsm.update("Companies", companyId, { phone: "fsm-earlier" }, { userId: "outside" });
    await announceFsm(companyId);
    await pause(5);
    await deferredCrmEdit(accountId, { phone: "crm-later" });
    // The FSM announcement is older, but process the CRM entry first to show order does not decide.
    const crmEntry = await t.services.db.transaction((m) => t.services.outbox.claimForRecord(m, "CRM", "Accounts", accountId));
    await t.services.engine.syncNow(crmEntry!);
    await t.services.engine.drain();
    expect((await t.services.crm.getMany("Accounts", [accountId]))[0].phone).toBe("crm-later");
    expect((await t.services.fsm.getMany("Companies", [companyId]))[0].phone).toBe("crm-later");
  });

  it("deletes the linked record when the preference says so, both ways", async () => {
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { onCrmDelete: "DELETE", onFsmDelete: "DELETE" } }, t.admin.token);
    const a = await linkedAccount("Delete From CRM");
    const fromCrm = await query(t.url, DeleteAccountDocument, { id: a.accountId }, t.standard.token);
    expect(fromCrm.deleteAccount.sync).toMatchObject({ status: "SYNCED", reason: "COUNTERPART_DELETED", fsmId: a.companyId });
    expect(await t.services.fsm.getMany("Companies", [a.companyId])).toEqual([]);
    expect(await t.services.db.manager.countBy(SyncLink, { crmId: a.accountId })).toBe(0);

    const b = await linkedAccount("Delete From FSM");
    const fromFsm = await query(t.url, DeleteCompanyDocument, { id: b.companyId }, t.standard.token);
    expect(fromFsm.deleteCompany.sync.reason).toBe("COUNTERPART_DELETED");
    expect(await t.services.crm.getMany("Accounts", [b.accountId])).toEqual([]);
  });

  it("suspends the link instead when told not to delete, and resumes it on the next edit", async () => {
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { onCrmDelete: "SUSPEND", onFsmDelete: "SUSPEND" } }, t.admin.token);
    const { accountId, companyId } = await linkedAccount("Keep Me");
    const deleted = await query(t.url, DeleteCompanyDocument, { id: companyId }, t.standard.token);
    expect(deleted.deleteCompany.sync).toMatchObject({ status: "SKIPPED", reason: "LINK_SUSPENDED" });
    const { account } = await query(t.url, AccountDocument, { id: accountId }, t.standard.token);
    expect(account.syncLink).toMatchObject({ status: "SUSPENDED" });

    // An edit of the surviving Account resumes sync: it gets a new Company.
    await deferredCrmEdit(accountId, { phone: "+1 222" });
    await t.services.engine.drain();
    const resumed = await query(t.url, AccountDocument, { id: accountId }, t.standard.token);
    expect(resumed.account.syncLink).toMatchObject({ status: "ACTIVE" });
    expect(resumed.account.fsmCompany).toMatchObject({ companyName: "Keep Me" });
    expect(resumed.account.fsmCompany!.id).not.toBe(companyId);
  });

  it("leaves a suspended link alone until a manual sync resumes it", async () => {
    const { accountId, companyId } = await linkedAccount("Manual Resume");
    await query(t.url, DeleteAccountDocument, { id: accountId }, t.standard.token);
    const link = await t.services.db.manager.findOneByOrFail(SyncLink, { fsmId: companyId });
    expect(link.status).toBe("SUSPENDED");
    const now = await query(t.url, SyncRecordNowDocument, { system: "FSM", module: "Companies", id: companyId }, t.standard.token);
    expect(now.syncRecordNow.status).toBe("SYNCED");
    const relinked = await t.services.db.manager.findOneByOrFail(SyncLink, { fsmId: companyId });
    expect(relinked.status).toBe("ACTIVE");
    expect(relinked.crmId).not.toBe(accountId);
    expect((await t.services.crm.getMany("Accounts", [relinked.crmId]))[0].accountName).toBe("Manual Resume");
  });

  it("ignores a delete announcement for a record that still exists", async () => {
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { onCrmDelete: "DELETE" } }, t.admin.token);
    const { accountId, companyId } = await linkedAccount("Still Here");
    await t.services.db.transaction((m) =>
      t.services.outbox.enqueue(m, { side: "CRM", module: "Accounts", recordId: accountId, operation: "DELETE", values: null, origin: "HOOK", userId: null }),
    );
    const outcome = await t.services.engine.processNext();
    expect(outcome).toMatchObject({ status: "SKIPPED", reason: "RECORD_EXISTS" });
    expect(await t.services.fsm.getMany("Companies", [companyId])).toHaveLength(1);
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { onCrmDelete: "SUSPEND" } }, t.admin.token);
  });

  it("drops a suspended link when its surviving record is deleted too, deleting nothing else", async () => {
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { onCrmDelete: "SUSPEND", onFsmDelete: "DELETE" } }, t.admin.token);
    const { accountId, companyId } = await linkedAccount("Both Gone");
    await query(t.url, DeleteAccountDocument, { id: accountId }, t.standard.token);
    const second = await query(t.url, DeleteCompanyDocument, { id: companyId }, t.standard.token);
    expect(second.deleteCompany.sync).toMatchObject({ status: "SKIPPED", reason: "LINK_REMOVED" });
    expect(await t.services.db.manager.countBy(SyncLink, { fsmId: companyId })).toBe(0);
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { onFsmDelete: "SUSPEND" } }, t.admin.token);
  });

  it("refuses a sync-now of an unknown record or a module that does not sync", async () => {
    const unknown = await execute(t.url, SyncRecordNowDocument, { system: "CRM", module: "Accounts", id: "nope" }, t.standard.token);
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND", field: "id" } });
    // The module is an enum of the synced modules: a module that does not sync is not even a value of it.
    const notSynced = await postGraphQL(t.url, { query: 'mutation { syncRecordNow(system: CRM, module: Deals, id: "x") { status } }' }, t.standard.token);
    expect(notSynced.errors?.[0]).toMatchObject({ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(notSynced.errors?.[0].message).toContain("SyncedModule");
    // A synced module of the other system is refused on module.
    const wrongSide = await execute(t.url, SyncRecordNowDocument, { system: "CRM", module: "Companies", id: "x" }, t.standard.token);
    expect(wrongSide.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "module" } });
  });
});
