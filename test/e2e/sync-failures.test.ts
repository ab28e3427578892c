import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import {
  CompanyTimelineDocument,
  CreateAccountDocument,
  CreateCrmContactDocument,
  CreateProductDocument,
  DefineCustomFieldDocument,
  FieldMappingsDocument,
  FsmContactTimelineDocument,
  ProductSyncStatusDocument,
  ReplaceFieldMappingsDocument,
  SyncRunDocument,
  UpdateAccountDocument,
  UpdateCrmContactDocument,
  UpdateProductDocument,
} from "../generated/graphql";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";
import { dailyRunId } from "../../src/sync/history/sync-history";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("sync failures: recorded with a reason, shown on the FSM timeline, retried on the next edit", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t.stop());

  it("fails a Product without Unit Price (mandatory in the FSM), then syncs it once the price is set", async () => {
    const { createProduct } = await query(t.url, CreateProductDocument, { input: { productName: "Free Sample", type: "Goods" } }, t.standard.token);
    expect(createProduct.sync).toMatchObject({ status: "FAILED", reason: "MANDATORY_NOT_FOUND" });
    expect(createProduct.sync.message).toMatch(/unitPrice|Unit_Price/);
    const status = await query(t.url, ProductSyncStatusDocument, { id: createProduct.record!.id }, t.standard.token);
    expect(status.product.syncStatus).toMatchObject({ status: "FAILED", reason: "MANDATORY_NOT_FOUND", flow: "CRM_TO_FSM" });
    const { updateProduct } = await query(t.url, UpdateProductDocument, { id: createProduct.record!.id, input: { unitPrice: 4 } }, t.standard.token);
    expect(updateProduct.sync).toMatchObject({ status: "SYNCED", reason: "COUNTERPART_CREATED" });
    expect(updateProduct.record!.fsmServiceAndPart).toMatchObject({ unitPrice: 4, type: "Part", name: "Free Sample" });
    // The record's status is its newest sync, not the failure before it.
    const after = await query(t.url, ProductSyncStatusDocument, { id: createProduct.record!.id }, t.standard.token);
    expect(after.product.syncStatus).toMatchObject({ status: "SYNCED", reason: "COUNTERPART_CREATED" });
  });

  it("counts a record that fails on several edits once in the day's run", async () => {
    const run = async () => {
      const { syncRun } = await query(t.url, SyncRunDocument, { id: dailyRunId(new Date()) }, t.admin.token);
      const toFsm = syncRun?.counts.find((c) => c.flow === "CRM_TO_FSM");
      return { failed: toFsm?.failed ?? 0, mandatory: syncRun?.failureGroups.find((g) => g.reason === "MANDATORY_NOT_FOUND")?.count ?? 0 };
    };
    const before = await run();
    const { createProduct } = await query(t.url, CreateProductDocument, { input: { productName: "Twice Failing", type: "Goods" } }, t.standard.token);
    expect(createProduct.sync).toMatchObject({ status: "FAILED", reason: "MANDATORY_NOT_FOUND" });
    const again = await query(
      t.url,
      UpdateProductDocument,
      { id: createProduct.record!.id, input: { productName: "Twice Failing (edited)" } },
      t.standard.token,
    );
    expect(again.updateProduct.sync).toMatchObject({ status: "FAILED", reason: "MANDATORY_NOT_FOUND" });
    expect(await run()).toEqual({ failed: before.failed + 1, mandatory: before.mandatory + 1 });
    // Both failures stay in the run's failure list: only the counts are per record.
    const { syncRun } = await query(t.url, SyncRunDocument, { id: dailyRunId(new Date()), reason: "MANDATORY_NOT_FOUND" }, t.admin.token);
    expect(syncRun?.failures.filter((f) => f.crmId === createProduct.record!.id)).toHaveLength(2);
  });

  it("fails an invalid picklist value, puts it on the Company's timeline, and retries the whole record on the next edit", async () => {
    const define = (system: "CRM" | "FSM", module: string, dataType: "TEXT" | "PICKLIST", picklistValues?: string[]) =>
      query(t.url, DefineCustomFieldDocument, { input: { system, module, apiName: "Tier", label: "Tier", dataType, picklistValues } }, t.admin.token);
    await define("CRM", "Accounts", "TEXT");
    await define("FSM", "Companies", "PICKLIST", ["Gold", "Silver"]);
    const { fieldMappings } = await query(t.url, FieldMappingsDocument, { pair: "ACCOUNTS_COMPANIES" }, t.admin.token);
    await query(
      t.url,
      ReplaceFieldMappingsDocument,
      {
        pair: "ACCOUNTS_COMPANIES",
        mappings: [...fieldMappings.map(({ crmField, fsmField }) => ({ crmField, fsmField })), { crmField: "Tier", fsmField: "Tier" }],
      },
      t.admin.token,
    );

    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Tiered Co" } }, t.standard.token);
    const companyId = createAccount.sync.fsmId!;
    const bad = await query(
      t.url,
      UpdateAccountDocument,
      { id: createAccount.record!.id, input: { customFields: { Tier: "Bronze" }, phone: "+1 1" } },
      t.standard.token,
    );
    expect(bad.updateAccount.sync).toMatchObject({ status: "FAILED", reason: "INVALID_DATA", fsmId: companyId });
    const { company } = await query(t.url, CompanyTimelineDocument, { id: companyId }, t.standard.token);
    expect(company.timeline[0]).toMatchObject({ kind: "SYNC_FAILED" });
    expect(company.timeline[0].message).toContain("INVALID_DATA");
    expect(company.syncLink).toMatchObject({ lastSyncStatus: "FAILED" });
    expect(company.customFields.Tier ?? null).toBeNull();

    // An edit of another field retries everything, including the phone the failed sync did not deliver.
    await query(t.url, UpdateAccountDocument, { id: createAccount.record!.id, input: { customFields: { Tier: "Gold" } } }, t.standard.token);
    const fixed = await query(t.url, CompanyTimelineDocument, { id: companyId }, t.standard.token);
    expect(fixed.company.customFields).toEqual({ Tier: "Gold" });
    expect(fixed.company.syncLink).toMatchObject({ lastSyncStatus: "SYNCED" });
    expect((await t.services.fsm.getMany("Companies", [companyId]))[0].phone).toBe("+1 1");
  });

  it("fails a second Contact with the same e-mail in one Company (DUPLICATE_DATA)", async () => {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Dup Mail" } }, t.standard.token);
    const input = { lastName: "One", email: "same@dup.example", accountId: createAccount.record!.id };
    expect((await query(t.url, CreateCrmContactDocument, { input }, t.standard.token)).createCrmContact.sync.status).toBe("SYNCED");
    const second = await query(t.url, CreateCrmContactDocument, { input: { ...input, lastName: "Two" } }, t.standard.token);
    expect(second.createCrmContact.sync).toMatchObject({ status: "FAILED", reason: "DUPLICATE_DATA" });
    // An edit into the same clash is refused too; an edit of another field of a clean record is not checked again.
    const third = await query(t.url, CreateCrmContactDocument, { input: { ...input, lastName: "Three", email: "third@dup.example" } }, t.standard.token);
    expect(third.createCrmContact.sync.status).toBe("SYNCED");
    const clash = await query(
      t.url,
      UpdateCrmContactDocument,
      { id: third.createCrmContact.record!.id, input: { email: "same@dup.example" } },
      t.standard.token,
    );
    expect(clash.updateCrmContact.sync).toMatchObject({ status: "FAILED", reason: "DUPLICATE_DATA" });
  });

  it("refuses to move a synced Contact to another Company (COMPANY_CHANGE_NOT_ALLOWED)", async () => {
    const first = await query(t.url, CreateAccountDocument, { input: { accountName: "First Home" } }, t.standard.token);
    const second = await query(t.url, CreateAccountDocument, { input: { accountName: "Second Home" } }, t.standard.token);
    const { createCrmContact } = await query(
      t.url,
      CreateCrmContactDocument,
      { input: { lastName: "Mover", email: "mover@home.example", accountId: first.createAccount.record!.id } },
      t.standard.token,
    );
    const moved = await query(
      t.url,
      UpdateCrmContactDocument,
      { id: createCrmContact.record!.id, input: { accountId: second.createAccount.record!.id } },
      t.standard.token,
    );
    expect(moved.updateCrmContact.sync).toMatchObject({ status: "FAILED", reason: "COMPANY_CHANGE_NOT_ALLOWED" });
    const { fsmContact } = await query(t.url, FsmContactTimelineDocument, { id: createCrmContact.sync.fsmId! }, t.standard.token);
    expect(fsmContact.companyId).toBe(first.createAccount.sync.fsmId);
    expect(fsmContact.timeline[0].message).toContain("COMPANY_CHANGE_NOT_ALLOWED");
  });

  it("retries a transient failure with backoff, and gives up with TRANSIENT_ERROR after the last attempt", async () => {
    // The FSM's Companies out of reach: their table taken away in whichever database holds them (the vendor's, remote).
    const rename = (from: string, to: string) => (t.emulator?.db ?? t.services.db).dataSource.query(`ALTER TABLE "${from}" RENAME TO "${to}"`);
    await rename("fsm_company", "fsm_company_away");
    let entryId: number;
    try {
      const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Flaky Network" } }, t.standard.token);
      expect(createAccount.sync).toMatchObject({ status: "PENDING", reason: "RETRY_SCHEDULED" });
      entryId = createAccount.sync.entryId!;
      const entry = await t.services.db.manager.findOneByOrFail(OutboxEntry, { id: entryId });
      expect(entry).toMatchObject({ state: "PENDING", attempts: 1 });
      expect(entry.nextAttemptTime.getTime()).toBeGreaterThan(Date.now());
      expect(await t.services.engine.drain()).toBe(0); // not due yet
    } finally {
      await rename("fsm_company_away", "fsm_company");
    }
    await pause(1100);
    expect(await t.services.engine.drain()).toBe(1);
    expect(await t.services.db.manager.findOneByOrFail(OutboxEntry, { id: entryId })).toMatchObject({ state: "DONE" });

    await rename("fsm_company", "fsm_company_away");
    try {
      const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Never Reachable" } }, t.standard.token);
      await t.services.db.manager.update(OutboxEntry, { id: createAccount.sync.entryId! }, { attempts: 7, nextAttemptTime: new Date(0) });
      const last = await t.services.engine.processNext();
      expect(last).toMatchObject({ status: "FAILED", reason: "TRANSIENT_ERROR" });
    } finally {
      await rename("fsm_company_away", "fsm_company");
    }
  });
});
