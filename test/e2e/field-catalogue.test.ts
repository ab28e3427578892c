import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import { AccountDocument, DefineCustomFieldDocument, FieldsDocument } from "../generated/graphql";
import { FieldDefinition, SystemName } from "../../src/fields/field-definition.entity";

describe("field metadata and custom fields", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.stop());

  it("lists every module's standard fields with type, mandatory flag and personal-data class", async () => {
    const { fields } = await query(t.url, FieldsDocument, { system: "FSM", module: "Services_And_Parts" }, t.standard.token);
    expect(fields.find((f) => f.apiName === "Unit_Price")).toMatchObject({ dataType: "CURRENCY", mandatory: true, fieldName: "unitPrice", isCustom: false });
    expect(fields.find((f) => f.apiName === "Type")).toMatchObject({ dataType: "PICKLIST", picklistValues: ["Service", "Part"] });
    const crmContacts = await query(t.url, FieldsDocument, { system: "CRM", module: "Contacts" }, t.standard.token);
    expect(crmContacts.fields.find((f) => f.apiName === "Email")).toMatchObject({ personalData: "NORMAL" });
    expect(crmContacts.fields.find((f) => f.apiName === "Mailing_Street")).toMatchObject({ personalData: "SENSITIVE" });
    expect(crmContacts.fields.find((f) => f.apiName === "Account_Name")).toMatchObject({ dataType: "LOOKUP", lookupModule: "Accounts" });
    const all = await query(t.url, FieldsDocument, {}, t.standard.token);
    const modules = new Set(all.fields.map((f) => `${f.system}/${f.module}`));
    for (const m of [
      "CRM/Accounts",
      "CRM/Products",
      "CRM/Deals",
      "CRM/Sales_Orders",
      "FSM/Companies",
      "FSM/Requests",
      "FSM/Estimates",
      "FSM/Work_Orders",
      "FSM/Service_Appointments",
      "FSM/Assets",
    ]) {
      expect(modules).toContain(m);
    }
  });

  it("brings a picklist value the registry gained to an installation that predates it, keeping the admin's own values", async () => {
    const where = { system: SystemName.FSM, module: "Estimates", apiName: "Status" };
    // As an installation from before Estimate "Expired", with a value its admin added.
    await t.services.db.manager.update(FieldDefinition, where, { picklistValues: ["Draft", "Sent", "Accepted", "Rejected", "Converted", "On Hold"] });
    await t.services.fields.ensureStandardFields();
    const { fields } = await query(t.url, FieldsDocument, { system: "FSM", module: "Estimates" }, t.standard.token);
    expect(fields.find((f) => f.apiName === "Status")?.picklistValues).toEqual(["Draft", "Sent", "Accepted", "Rejected", "Converted", "On Hold", "Expired"]);
  });

  it("lets an admin add a custom field, which then shows in the catalogue and on records", async () => {
    const input = {
      system: "CRM" as const,
      module: "Accounts",
      apiName: "Tier",
      label: "Customer Tier",
      dataType: "PICKLIST" as const,
      picklistValues: ["Gold", "Silver"],
      personalData: "NONE" as const,
    };
    const { defineCustomField } = await query(t.url, DefineCustomFieldDocument, { input }, t.admin.token);
    expect(defineCustomField).toMatchObject({ apiName: "Tier", fieldName: "customFields.Tier", isCustom: true, picklistValues: ["Gold", "Silver"] });
    const { fields } = await query(t.url, FieldsDocument, { system: "CRM", module: "Accounts" }, t.standard.token);
    expect(fields.map((f) => f.apiName)).toContain("Tier");

    const account = await t.services.crm.create("Accounts", { accountName: "Tiered", customFields: { Tier: "Gold" } }, { userId: t.admin.user.id });
    const read = await query(t.url, AccountDocument, { id: account.id }, t.standard.token);
    expect(read.account.customFields).toEqual({ Tier: "Gold" });
  });

  it("refuses a duplicate name, an unknown module, a picklist without values and a bad API name, naming the field", async () => {
    const base = { system: "FSM" as const, module: "Work_Orders", apiName: "Site_Code", label: "Site code", dataType: "TEXT" as const };
    expect((await execute(t.url, DefineCustomFieldDocument, { input: base }, t.admin.token)).errors).toBeUndefined();
    const cases: [object, string, string][] = [
      [base, "CONFLICT", "apiName"],
      [{ ...base, apiName: "Other", module: "Invoices" }, "BAD_USER_INPUT", "module"],
      [{ ...base, apiName: "Colour", dataType: "PICKLIST" }, "BAD_USER_INPUT", "picklistValues"],
      [{ ...base, apiName: "9lives" }, "BAD_USER_INPUT", "apiName"],
      [{ ...base, apiName: "Ref", dataType: "LOOKUP", lookupModule: "Deals" }, "BAD_USER_INPUT", "lookupModule"],
    ];
    for (const [input, code, field] of cases) {
      const response = await execute(t.url, DefineCustomFieldDocument, { input: input as typeof base }, t.admin.token);
      expect(response.errors?.[0], JSON.stringify(input)).toMatchObject({ extensions: { code, field } });
      expect(response.errors?.[0].message).toContain(field);
    }
  });
});
