import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import {
  ClassChangesDocument,
  ClassUpdateCompanyWebsiteDocument,
  ConversionPrefillDocument,
  CreateAccountDocument,
  FieldClassesDocument,
  RestrictCrmPersonalDataDocument,
  SetFieldPersonalDataClassDocument,
  SetFsmPersonalDataApiAccessDocument,
  SyncRunsDocument,
  UpdateAccountDocument,
} from "../generated/graphql";
import { SyncEvent } from "../../src/sync/history/sync-event.entity";
import { SyncLink } from "../../src/links/sync-link.entity";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";
import { until } from "../support/until";

/**
 * Issue 18, item 7: an admin classes any field, standard or custom, on either side; the change is audited and the
 * next sync, prefill and export follow it. Vendor defaults (CRM Contact Email, Phone, Mobile Normal) are only defaults.
 */
describe("personal-data classes are the admin's to set", () => {
  let t: TestGateway;
  let accountId: string;
  let companyId: string;

  beforeAll(async () => {
    t = await startTestGateway({ syncPollIntervalMs: 50 });
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Classy Ltd", phone: "+1 555 0001" } }, t.standard.token);
    accountId = createAccount.record!.id;
    companyId = createAccount.sync.fsmId!;
  });
  afterAll(() => t?.stop());

  const setClass = (system: "CRM" | "FSM", module: string, field: string, personalData: "NONE" | "NORMAL" | "SENSITIVE", token = t.admin.token) =>
    execute(t.url, SetFieldPersonalDataClassDocument, { system, module, field, personalData }, token);
  const company = async () => (await t.services.fsm.getMany("Companies", [companyId]))[0];

  /** Nothing the gateway keeps about syncs (events, link shadows, outbox entries) may hold the value. */
  async function expectNowhereInSyncRecords(value: string) {
    for (const entity of [SyncEvent, SyncLink, OutboxEntry]) {
      expect(JSON.stringify(await t.services.db.manager.find(entity)), entity.name).not.toContain(value);
    }
  }

  it("the vendor's defaults are where classes start: CRM Contact Email is Normal, an Account's Phone is not personal", async () => {
    const contactFields = (await query(t.url, FieldClassesDocument, { system: "CRM", module: "Contacts" }, t.admin.token)).fields;
    expect(contactFields.find((f) => f.apiName === "Email")).toMatchObject({ personalData: "NORMAL", isCustom: false });
    const accountFields = (await query(t.url, FieldClassesDocument, { system: "CRM", module: "Accounts" }, t.admin.token)).fields;
    expect(accountFields.find((f) => f.apiName === "Phone")).toMatchObject({ personalData: "NONE", isCustom: false });
  });

  it("a standard CRM field marked Sensitive stops crossing while Sensitive data is restricted: not in the FSM, the outbox or the history", async () => {
    const marked = await setClass("CRM", "Accounts", "Phone", "SENSITIVE");
    expect(marked.errors).toBeUndefined();
    expect(marked.data?.setFieldPersonalDataClass).toEqual({ system: "CRM", module: "Accounts", apiName: "Phone", personalData: "SENSITIVE", isCustom: false });
    await query(t.url, RestrictCrmPersonalDataDocument, { module: "Accounts", restrictNormal: false, restrictSensitive: true }, t.admin.token);

    const { updateAccount } = await query(
      t.url,
      UpdateAccountDocument,
      { id: accountId, input: { phone: "+1 555 7777", website: "https://classy.example" } },
      t.standard.token,
    );
    expect(updateAccount.sync.status).toBe("SYNCED");
    expect(await company()).toMatchObject({ phone: "+1 555 0001", website: "https://classy.example" });
    const event = await t.services.db.manager.findOneOrFail(SyncEvent, { where: { entryId: updateAccount.sync.entryId! } });
    expect(event.skippedPersonalFields).toBe(1);
    await expectNowhereInSyncRecords("+1 555 7777");
  });

  it("the change is audited: who, when, from and to, with no value", async () => {
    const { settingsChanges } = await query(t.url, ClassChangesDocument, {}, t.admin.token);
    const change = settingsChanges.find((c) => c.subject === "personalDataClass:CRM:Accounts:Phone");
    expect(change).toMatchObject({ before: { personalData: "NONE" }, after: { personalData: "SENSITIVE" }, userId: t.admin.user.id });
    expect(Date.parse(change!.time)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(settingsChanges)).not.toContain("+1 555 7777");
  });

  it("classing it back as not personal lets the kept value cross at once (a resync), without another edit", async () => {
    expect((await setClass("CRM", "Accounts", "Phone", "NONE")).errors).toBeUndefined();
    await until("the kept phone to cross", async () => (await company()).phone === "+1 555 7777");
  });

  it("a Sensitive Account Name is left out of the prefill, and the sync that then misses the mandatory Company Name fails without the name in its CSV", async () => {
    await setClass("CRM", "Accounts", "Account_Name", "SENSITIVE");
    const { conversionPrefill } = await query(
      t.url,
      ConversionPrefillDocument,
      { sourceModule: "Accounts", sourceId: accountId, targetModule: "Requests" },
      t.standard.token,
    );
    expect(conversionPrefill.skippedPersonalFields).toBe(1);
    expect(JSON.stringify(conversionPrefill.values)).not.toContain("Classy Ltd");

    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Hidden Name Holdings" } }, t.standard.token);
    expect(createAccount.sync).toMatchObject({ status: "FAILED", reason: "MANDATORY_NOT_FOUND" });
    expect(createAccount.sync.message).not.toContain("Hidden Name Holdings");
    const { syncRuns } = await query(t.url, SyncRunsDocument, { first: 5 }, t.admin.token);
    const group = syncRuns.flatMap((r) => r.failureGroups).find((g) => g.reason === "MANDATORY_NOT_FOUND");
    expect(group).toBeDefined();
    const csv = await fetch(new URL(group!.downloadUrl, t.url), { headers: { authorization: `Bearer ${t.admin.token}` } });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain(createAccount.record!.id);
    expect(text).not.toContain("Hidden Name Holdings");
    await expectNowhereInSyncRecords("Hidden Name Holdings");
    await setClass("CRM", "Accounts", "Account_Name", "NONE");
    await query(t.url, RestrictCrmPersonalDataDocument, { module: "Accounts", restrictNormal: false, restrictSensitive: false }, t.admin.token);
  });

  it("an FSM field marked Normal stays in the FSM while its personal-data API access is off", async () => {
    expect((await setClass("FSM", "Companies", "Website", "NORMAL")).data?.setFieldPersonalDataClass.personalData).toBe("NORMAL");
    await query(t.url, SetFsmPersonalDataApiAccessDocument, { enabled: false }, t.admin.token);
    const { updateCompany } = await query(t.url, ClassUpdateCompanyWebsiteDocument, { id: companyId, website: "https://private.example" }, t.standard.token);
    // The one changed field may not leave: nothing to send.
    expect(updateCompany.sync.status).toBe("SKIPPED");
    expect((await t.services.crm.getMany("Accounts", [accountId]))[0].website).toBe("https://classy.example");
    await expectNowhereInSyncRecords("https://private.example");
    await query(t.url, SetFsmPersonalDataApiAccessDocument, { enabled: true }, t.admin.token);
  });

  it("refuses a non-admin (FORBIDDEN), an unknown module or field (BAD_USER_INPUT naming it), and changes nothing", async () => {
    const forbidden = await setClass("CRM", "Contacts", "Email", "NONE", t.standard.token);
    expect(forbidden.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await setClass("CRM", "Leads", "Email", "NONE")).errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "module" } });
    const unknown = (await setClass("FSM", "Contacts", "Shoe_Size", "SENSITIVE")).errors?.[0];
    expect(unknown).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "field" } });
    expect(unknown?.message).toContain("Shoe_Size");
    const contactFields = (await query(t.url, FieldClassesDocument, { system: "CRM", module: "Contacts" }, t.admin.token)).fields;
    expect(contactFields.find((f) => f.apiName === "Email")?.personalData).toBe("NORMAL");
  });
});
