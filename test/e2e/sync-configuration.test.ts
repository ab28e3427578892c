import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import {
  CreateAccountDocument,
  DefineCustomFieldDocument,
  FieldMappingsDocument,
  ReplaceFieldMappingsDocument,
  SettingsChangesDocument,
  SyncSettingsDocument,
  UpdateSyncSettingsDocument,
  type FieldMappingInput,
} from "../generated/graphql";

describe("sync configuration: settings, field mappings and their audit trail", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t.stop());

  it("ships every pair enabled, two-way, suspending on deletion, with the default mappings", async () => {
    const { syncSettings } = await query(t.url, SyncSettingsDocument, {}, t.admin.token);
    expect(syncSettings.map((s) => s.pair).sort()).toEqual(["ACCOUNTS_COMPANIES", "CONTACTS_CONTACTS", "PRODUCTS_SERVICES_AND_PARTS"]);
    for (const s of syncSettings) expect(s).toMatchObject({ enabled: true, direction: "TWO_WAY", onCrmDelete: "SUSPEND", onFsmDelete: "SUSPEND" });
    const accounts = await query(t.url, FieldMappingsDocument, { pair: "ACCOUNTS_COMPANIES" }, t.admin.token);
    expect(accounts.fieldMappings[0]).toMatchObject({ crmField: "Account_Name", fsmField: "Company_Name" });
    expect(accounts.fieldMappings.map((m) => m.crmField)).toEqual(expect.arrayContaining(["Phone", "Website", "Billing_City", "Shipping_Street"]));
    const contacts = await query(t.url, FieldMappingsDocument, { pair: "CONTACTS_CONTACTS" }, t.admin.token);
    expect(contacts.fieldMappings.map((m) => `${m.crmField}>${m.fsmField}`)).toEqual(
      expect.arrayContaining(["Last_Name>Last_Name", "First_Name>First_Name", "Email>Email", "Phone>Phone", "Mobile>Mobile", "Account_Name>Company"]),
    );
    const products = await query(t.url, FieldMappingsDocument, { pair: "PRODUCTS_SERVICES_AND_PARTS" }, t.admin.token);
    expect(products.fieldMappings.find((m) => m.crmField === "Type")).toMatchObject({
      fsmField: "Type",
      valueMap: { Service: "Service", Goods: "Part" },
      fsmDefault: "Part",
    });
  });

  it("refuses mappings that could not sync, naming the field", async () => {
    const base: FieldMappingInput[] = [{ crmField: "Account_Name", fsmField: "Company_Name" }];
    const cases: [FieldMappingInput[], string, RegExp][] = [
      [[...base, { crmField: "Nope", fsmField: "Phone" }], "mappings[1].crmField", /Nope/],
      [[...base, { crmField: "Phone", fsmField: "Nope" }], "mappings[1].fsmField", /Nope/],
      [[...base, { crmField: "Phone", fsmField: "Phone" }, { crmField: "Website", fsmField: "Phone" }], "mappings[2].fsmField", /twice/],
      [[{ crmField: "Phone", fsmField: "Phone" }], "mappings", /Account_Name.*Company_Name|Company_Name/],
      // A phone number is no e-mail address (compatibility matrix, docs/sync.md).
      [[...base, { crmField: "Phone", fsmField: "Email" }], "mappings[1].fsmField", /Email \(EMAIL\) cannot hold CRM Phone \(PHONE\)/],
    ];
    for (const [mappings, field, message] of cases) {
      const response = await execute(t.url, ReplaceFieldMappingsDocument, { pair: "ACCOUNTS_COMPANIES", mappings }, t.admin.token);
      expect(response.errors?.[0], field).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field } });
      expect(response.errors?.[0].message).toMatch(message);
    }
    const typeMismatch = await execute(
      t.url,
      ReplaceFieldMappingsDocument,
      {
        pair: "PRODUCTS_SERVICES_AND_PARTS",
        mappings: [
          { crmField: "Product_Name", fsmField: "Name" },
          { crmField: "Description", fsmField: "Unit_Price" },
          { crmField: "Type", fsmField: "Type", valueMap: { Service: "Service", Goods: "Part" } },
        ],
      },
      t.admin.token,
    );
    expect(typeMismatch.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "mappings[1].fsmField" } });
    const picklist = await execute(
      t.url,
      ReplaceFieldMappingsDocument,
      {
        pair: "PRODUCTS_SERVICES_AND_PARTS",
        mappings: [
          { crmField: "Product_Name", fsmField: "Name" },
          { crmField: "Unit_Price", fsmField: "Unit_Price" },
          { crmField: "Type", fsmField: "Type" },
        ],
      },
      t.admin.token,
    );
    expect(picklist.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "mappings[2].valueMap" } });
    expect(picklist.errors?.[0].message).toContain("Goods");
    // A translation is picklist value → picklist value: no NUL (PostgreSQL refuses it), no objects, bounded.
    for (const valueMap of [
      { Service: "Serv\u0000ice", Goods: "Part" },
      { Service: { nested: "x" }, Goods: "Part" },
      Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`v${i}`, "Part"])),
    ]) {
      const bad = await execute(
        t.url,
        ReplaceFieldMappingsDocument,
        {
          pair: "PRODUCTS_SERVICES_AND_PARTS",
          mappings: [
            { crmField: "Product_Name", fsmField: "Name" },
            { crmField: "Unit_Price", fsmField: "Unit_Price" },
            { crmField: "Type", fsmField: "Type", valueMap },
          ],
        },
        t.admin.token,
      );
      expect(bad.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "mappings[2].valueMap" } });
      expect(bad.errors?.[0].message).toMatch(/control characters|must map to a text value|at most 500 values/);
    }
    const lookup = await execute(
      t.url,
      ReplaceFieldMappingsDocument,
      {
        pair: "CONTACTS_CONTACTS",
        mappings: [
          { crmField: "Last_Name", fsmField: "Last_Name" },
          { crmField: "Email", fsmField: "Email" },
          { crmField: "Account_Name", fsmField: "Phone" },
        ],
      },
      t.admin.token,
    );
    expect(lookup.errors?.[0]).toMatchObject({ extensions: { field: "mappings[2].fsmField" } });
    // Nothing was replaced by the refused attempts.
    const after = await query(t.url, FieldMappingsDocument, { pair: "ACCOUNTS_COMPANIES" }, t.admin.token);
    expect(after.fieldMappings.length).toBeGreaterThan(5);
  });

  it("uses a replaced mapping, including custom fields, from the next sync on", async () => {
    await query(
      t.url,
      DefineCustomFieldDocument,
      { input: { system: "CRM", module: "Accounts", apiName: "Region", label: "Region", dataType: "TEXT" } },
      t.admin.token,
    );
    await query(
      t.url,
      DefineCustomFieldDocument,
      { input: { system: "FSM", module: "Companies", apiName: "Area", label: "Area", dataType: "TEXT" } },
      t.admin.token,
    );
    await query(
      t.url,
      ReplaceFieldMappingsDocument,
      {
        pair: "ACCOUNTS_COMPANIES",
        mappings: [
          { crmField: "Account_Name", fsmField: "Company_Name" },
          { crmField: "Region", fsmField: "Area" },
          { crmField: "Phone", fsmField: "Mobile" },
        ],
      },
      t.admin.token,
    );
    const { createAccount } = await query(
      t.url,
      CreateAccountDocument,
      { input: { accountName: "Custom Map", phone: "+1 303", website: "https://no.example", customFields: { Region: "North" } } },
      t.standard.token,
    );
    const company = (await t.services.fsm.getMany("Companies", [createAccount.sync.fsmId!]))[0];
    expect(company).toMatchObject({ companyName: "Custom Map", mobile: "+1 303", phone: null, website: null, customFields: { Area: "North" } });
  });

  it("records who changed which setting, and from what to what", async () => {
    await query(t.url, UpdateSyncSettingsDocument, { pair: "PRODUCTS_SERVICES_AND_PARTS", input: { direction: "CRM_TO_FSM" } }, t.admin.token);
    const { settingsChanges } = await query(t.url, SettingsChangesDocument, {}, t.admin.token);
    expect(settingsChanges[0]).toMatchObject({
      subject: "syncSettings:PRODUCTS_SERVICES_AND_PARTS",
      before: { direction: "TWO_WAY" },
      after: { direction: "CRM_TO_FSM" },
      userId: t.admin.user.id,
    });
    expect(settingsChanges.some((c) => c.subject === "fieldMappings:ACCOUNTS_COMPANIES")).toBe(true);
    const forbidden = await execute(t.url, SettingsChangesDocument, {}, t.standard.token);
    expect(forbidden.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await execute(t.url, FieldMappingsDocument, { pair: "ACCOUNTS_COMPANIES" }, t.standard.token)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
