import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import {
  CreateAccountDocument,
  CreateCompanyDocument,
  CreateCrmContactDocument,
  CreateProductDocument,
  UpdateAccountDocument,
  UpdateCompanyDocument,
  UpdateProductDocument,
  UpdateServiceAndPartDocument,
  UpdateSyncSettingsDocument,
  CompanyDocument,
  AccountDocument,
} from "../generated/graphql";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";
import { SyncEvent, SyncFlow } from "../../src/sync/history/sync-event.entity";

describe("instant two-way sync through the gateway's mutations", () => {
  let t: TestGateway;
  const admin = () => t.admin.token;
  const resetSettings = (pair: "ACCOUNTS_COMPANIES" | "CONTACTS_CONTACTS" | "PRODUCTS_SERVICES_AND_PARTS") =>
    query(t.url, UpdateSyncSettingsDocument, { pair, input: { enabled: true, direction: "TWO_WAY" } }, admin());

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  beforeEach(async () => {
    await resetSettings("ACCOUNTS_COMPANIES");
    await resetSettings("CONTACTS_CONTACTS");
    await resetSettings("PRODUCTS_SERVICES_AND_PARTS");
  });
  afterAll(() => t.stop());

  it("creates the FSM Company of a new Account at once, with mapped fields, and reports SYNCED", async () => {
    const { createAccount } = await query(
      t.url,
      CreateAccountDocument,
      {
        input: { accountName: "Harbor Hotels", phone: "+1 555 0101", website: "https://harbor.example", billingAddress: { city: "Leeds" } },
      },
      t.standard.token,
    );
    expect(createAccount.sync).toMatchObject({ status: "SYNCED", reason: "COUNTERPART_CREATED", crmId: createAccount.record!.id });
    expect(createAccount.record!.fsmCompany).toMatchObject({
      id: createAccount.sync.fsmId,
      companyName: "Harbor Hotels",
      phone: "+1 555 0101",
      website: "https://harbor.example",
      billingAddress: { city: "Leeds" },
    });
  });

  it("applies an Account edit to its Company once, and a Company edit to its Account", async () => {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Summit Schools" } }, t.standard.token);
    const companyId = createAccount.sync.fsmId!;
    const before = (await t.services.fsm.getMany("Companies", [companyId]))[0];
    const { updateAccount } = await query(t.url, UpdateAccountDocument, { id: createAccount.record!.id, input: { phone: "+44 113 000" } }, t.standard.token);
    expect(updateAccount.sync.status).toBe("SYNCED");
    expect(updateAccount.record!.syncLink).toMatchObject({ status: "ACTIVE", lastSyncStatus: "SYNCED" });
    const after = (await t.services.fsm.getMany("Companies", [companyId]))[0];
    expect(after).toMatchObject({ phone: "+44 113 000", version: before.version + 1 });

    const { updateCompany } = await query(t.url, UpdateCompanyDocument, { id: companyId, input: { companyName: "Summit Academies" } }, t.standard.token);
    expect(updateCompany.sync).toMatchObject({ status: "SYNCED", crmId: createAccount.record!.id });
    const { account } = await query(t.url, AccountDocument, { id: createAccount.record!.id }, t.standard.token);
    expect(account.accountName).toBe("Summit Academies");
  });

  it("does not echo: a sync's own write starts no sync back, and an edit that changes no mapped field writes nothing", async () => {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Echo Ltd" } }, t.standard.token);
    const pending = await t.services.db.manager.count(OutboxEntry, { where: { state: "PENDING" } });
    expect(pending).toBe(0);
    const fsmEvents = await t.services.db.manager.count(SyncEvent, { where: { crmId: createAccount.record!.id, flow: SyncFlow.FSM_TO_CRM } });
    expect(fsmEvents).toBe(0);
    const companyBefore = (await t.services.fsm.getMany("Companies", [createAccount.sync.fsmId!]))[0];
    const { updateAccount } = await query(t.url, UpdateAccountDocument, { id: createAccount.record!.id, input: { industry: "Retail" } }, t.standard.token);
    expect(updateAccount.sync).toMatchObject({ status: "SKIPPED", reason: "NO_CHANGES" });
    expect((await t.services.fsm.getMany("Companies", [createAccount.sync.fsmId!]))[0].version).toBe(companyBefore.version);
  });

  it("applies a record's changes in order: each edit once, the last one wins", async () => {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Order One" } }, t.standard.token);
    const id = createAccount.record!.id;
    const companyId = createAccount.sync.fsmId!;
    // Three edits committed before any of them syncs (as when the process dies right after commit).
    for (const phone of ["1", "2", "3"]) {
      await t.services.db.transaction(async (m) => {
        await t.services.crm.update("Accounts", id, { phone }, { userId: "test" }, m);
        await t.services.outbox.enqueue(m, {
          side: "CRM",
          module: "Accounts",
          recordId: id,
          operation: "UPDATE",
          values: { phone },
          origin: "GATEWAY",
          userId: "test",
        });
      });
    }
    const version = (await t.services.fsm.getMany("Companies", [companyId]))[0].version;
    expect(await t.services.engine.drain()).toBe(3);
    const company = (await t.services.fsm.getMany("Companies", [companyId]))[0];
    expect(company.phone).toBe("3");
    expect(company.version).toBe(version + 3);
  });

  it("delivering the same change twice has the effect of once", async () => {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Twice Inc" } }, t.standard.token);
    const id = createAccount.record!.id;
    await t.services.crm.update("Accounts", id, { website: "https://twice.example" }, { userId: "outside" });
    const announce = () =>
      t.services.db.transaction((m) =>
        t.services.outbox.enqueue(m, { side: "CRM", module: "Accounts", recordId: id, operation: "UPDATE", values: null, origin: "HOOK", userId: null }),
      );
    await announce();
    await announce();
    const version = (await t.services.fsm.getMany("Companies", [createAccount.sync.fsmId!]))[0].version;
    await t.services.engine.drain();
    const company = (await t.services.fsm.getMany("Companies", [createAccount.sync.fsmId!]))[0];
    expect(company).toMatchObject({ website: "https://twice.example", version: version + 1 });
  });

  it("syncs a new Contact into its Account's Company, syncing the Account first when it has no Company yet", async () => {
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { enabled: true } }, admin());
    const account = await t.services.crm.create("Accounts", { accountName: "Not Yet Synced" }, { userId: "outside" });
    const { createCrmContact } = await query(
      t.url,
      CreateCrmContactDocument,
      { input: { lastName: "Ito", email: "hiro@nys.example", accountId: account.id } },
      t.standard.token,
    );
    expect(createCrmContact.sync.status).toBe("SYNCED");
    const { account: read } = await query(t.url, AccountDocument, { id: account.id }, t.standard.token);
    expect(read.fsmCompany).not.toBeNull();
    expect(createCrmContact.record!.fsmContact).toMatchObject({ email: "hiro@nys.example", companyId: read.fsmCompany!.id });
  });

  it("maps Product Type: Service → Service, Goods → Part, none → Part, and Part → Goods back", async () => {
    const make = (type: string | null, name: string) =>
      query(t.url, CreateProductDocument, { input: { productName: name, unitPrice: 10, type } }, t.standard.token);
    expect((await make("Service", "Visit")).createProduct.record!.fsmServiceAndPart!.type).toBe("Service");
    expect((await make("Goods", "Valve")).createProduct.record!.fsmServiceAndPart!.type).toBe("Part");
    const untyped = (await make(null, "Gasket")).createProduct;
    expect(untyped.record!.fsmServiceAndPart!.type).toBe("Part");
    const service = (await make("Service", "Survey")).createProduct;
    const { updateServiceAndPart } = await query(
      t.url,
      UpdateServiceAndPartDocument,
      { id: service.record!.fsmServiceAndPart!.id, input: { type: "Part" } },
      t.standard.token,
    );
    expect(updateServiceAndPart.record!.crmProduct).toMatchObject({ id: service.record!.id, type: "Goods" });
    const { updateProduct } = await query(t.url, UpdateProductDocument, { id: untyped.record!.id, input: { unitPrice: 12.5 } }, t.standard.token);
    expect(updateProduct.record!.fsmServiceAndPart).toMatchObject({ unitPrice: 12.5, type: "Part" });
  });

  it("follows the direction setting of each pair", async () => {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "One Way Co" } }, t.standard.token);
    const accountId = createAccount.record!.id;
    const companyId = createAccount.sync.fsmId!;
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { direction: "CRM_TO_FSM" } }, admin());
    const fromFsm = await query(t.url, UpdateCompanyDocument, { id: companyId, input: { phone: "fsm-only" } }, t.standard.token);
    expect(fromFsm.updateCompany.sync).toMatchObject({ status: "SKIPPED", reason: "DIRECTION_EXCLUDED" });
    expect((await t.services.crm.getMany("Accounts", [accountId]))[0].phone).toBeNull();
    const fromCrm = await query(t.url, UpdateAccountDocument, { id: accountId, input: { website: "https://oneway.example" } }, t.standard.token);
    expect(fromCrm.updateAccount.sync.status).toBe("SYNCED");

    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { direction: "FSM_TO_CRM" } }, admin());
    const blocked = await query(t.url, UpdateAccountDocument, { id: accountId, input: { website: "https://crm-only.example" } }, t.standard.token);
    expect(blocked.updateAccount.sync.reason).toBe("DIRECTION_EXCLUDED");
    expect((await t.services.fsm.getMany("Companies", [companyId]))[0].website).toBe("https://oneway.example");
    const allowed = await query(t.url, UpdateCompanyDocument, { id: companyId, input: { phone: "+1 777" } }, t.standard.token);
    expect(allowed.updateCompany.sync.status).toBe("SYNCED");
    expect((await t.services.crm.getMany("Accounts", [accountId]))[0].phone).toBe("+1 777");
    const fsmCreated = await query(t.url, CreateCompanyDocument, { input: { companyName: "Born In FSM" } }, t.standard.token);
    expect(fsmCreated.createCompany.record!.crmAccount).toMatchObject({ accountName: "Born In FSM" });
  });

  it("skips a disabled pair, and keeps Contacts off while Accounts are off", async () => {
    const refused = await execute(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { enabled: false } }, admin());
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "enabled" } });
    await query(t.url, UpdateSyncSettingsDocument, { pair: "CONTACTS_CONTACTS", input: { enabled: false } }, admin());
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { enabled: false } }, admin());
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Switched Off" } }, t.standard.token);
    expect(createAccount.sync).toMatchObject({ status: "SKIPPED", reason: "SYNC_DISABLED" });
    expect(createAccount.record!.fsmCompany).toBeNull();
    const enableContacts = await execute(t.url, UpdateSyncSettingsDocument, { pair: "CONTACTS_CONTACTS", input: { enabled: true } }, admin());
    expect(enableContacts.errors?.[0].message).toContain("Accounts");
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { enabled: true } }, admin());
    await query(t.url, UpdateSyncSettingsDocument, { pair: "CONTACTS_CONTACTS", input: { enabled: true } }, admin());
  });

  it("lets only admins change sync settings", async () => {
    const response = await execute(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { direction: "CRM_TO_FSM" } }, t.standard.token);
    expect(response.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const company = await query(
      t.url,
      CompanyDocument,
      { id: (await t.services.fsm.create("Companies", { companyName: "x" }, { userId: "t" })).id },
      t.standard.token,
    );
    expect(company.company.syncLink).toBeNull();
  });
});
