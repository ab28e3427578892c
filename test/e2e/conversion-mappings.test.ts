import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import { buildSmallOrg, type SmallOrg } from "../support/small-org";
import {
  ConversionMappingsDocument,
  ConversionPrefillDocument,
  ConvertRequestToEstimateDocument,
  CreateDealFromFsmDocument,
  CreateRequestFromCrmDocument,
  CreateWorkOrderFromCrmDocument,
  DefineCustomFieldDocument,
  LinkToParentDocument,
  ReplaceConversionMappingDocument,
  RestrictCrmPersonalDataDocument,
  SettingsChangesDocument,
  type ConversionFieldInput,
  type ConversionSource,
  type ConversionTarget,
} from "../generated/graphql";
import { TimelineEntry } from "../../src/timeline/timeline-entry.entity";
import { IdempotencyKey } from "../../src/conversion/idempotency-key.entity";
import { ParentLink } from "../../src/links/parent-link.entity";
import { InstallMode } from "../../src/org/install-state";

describe("conversion mappings", () => {
  let t: TestGateway;
  let org: SmallOrg;
  const admin = () => t.admin.token;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    org = await buildSmallOrg(t.services, t.admin.user.id);
  });
  afterAll(() => t.stop());

  const replace = (sourceModule: ConversionSource, targetModule: ConversionTarget, fields: ConversionFieldInput[], token = admin()) =>
    execute(t.url, ReplaceConversionMappingDocument, { sourceModule, targetModule, fields }, token);
  const defaults = async (source: ConversionSource, target: ConversionTarget) =>
    (await query(t.url, ConversionMappingsDocument, {}, admin())).conversionMappings.find((m) => m.source === source && m.target === target)!.fields;
  const prefill = async (sourceModule: ConversionSource, sourceId: string, targetModule: ConversionTarget) =>
    (await query(t.url, ConversionPrefillDocument, { sourceModule, sourceId, targetModule }, t.standard.token)).conversionPrefill;
  const defineField = (system: "CRM" | "FSM", module: string, apiName: string, personalData: "NONE" | "NORMAL" | "SENSITIVE" = "NONE") =>
    query(t.url, DefineCustomFieldDocument, { input: { system, module, apiName, label: apiName.replace(/_/g, " "), dataType: "TEXT", personalData } }, admin());

  it("ships a mapping for every allowed pair, each valid as it stands", async () => {
    const { conversionMappings } = await query(t.url, ConversionMappingsDocument, {}, admin());
    expect(conversionMappings.map((m) => `${m.source}>${m.target}`).sort()).toEqual([
      "Accounts>Estimates",
      "Accounts>Requests",
      "Accounts>Work_Orders",
      "Contacts>Estimates",
      "Contacts>Requests",
      "Contacts>Work_Orders",
      "Deals>Estimates",
      "Deals>Requests",
      "Deals>Work_Orders",
      "Products>Assets",
      "Sales_Orders>Assets",
      "Sales_Orders>Estimates",
      "Sales_Orders>Requests",
      "Sales_Orders>Work_Orders",
    ]);
    expect(conversionMappings.find((m) => m.source === "Deals" && m.target === "Work_Orders")!.fields).toEqual([
      { sourceField: "Deal_Name", targetField: "Summary", defaultValue: null },
      { sourceField: "Closing_Date", targetField: "Due_Date", defaultValue: null },
    ]);
    for (const mapping of conversionMappings) {
      const saved = await replace(mapping.source, mapping.target, mapping.fields);
      expect(saved.errors, `${mapping.source}>${mapping.target}`).toBeUndefined();
      expect(saved.data!.replaceConversionMapping).toMatchObject({ fields: mapping.fields, modifiedBy: t.admin.user.id });
    }
  });

  it.each([
    [
      "an unknown CRM field",
      [
        { sourceField: "Deal_Name", targetField: "Summary" },
        { sourceField: "Budget_Code", targetField: "Due_Date" },
      ],
      "fields[1].sourceField",
      "Budget_Code",
    ],
    ["an unknown FSM field", [{ sourceField: "Deal_Name", targetField: "Headline" }], "fields[0].targetField", "Headline"],
    ["the mandatory Summary unmapped", [{ sourceField: "Closing_Date", targetField: "Due_Date" }], "fields", "Summary"],
    ["a currency into a text field", [{ sourceField: "Amount", targetField: "Summary" }], "fields[0].targetField", "Amount"],
    [
      "a date into a picklist",
      [
        { sourceField: "Deal_Name", targetField: "Summary" },
        { sourceField: "Closing_Date", targetField: "Priority" },
      ],
      "fields[1].targetField",
      "Priority",
    ],
    ["a lookup into a text field", [{ sourceField: "Account_Name", targetField: "Summary" }], "fields[0].targetField", "Account_Name"],
    [
      "a picklist whose values the target lacks",
      [
        { sourceField: "Deal_Name", targetField: "Summary" },
        { sourceField: "Stage", targetField: "Priority" },
      ],
      "fields[1].sourceField",
      "Stage",
    ],
    [
      "free text into a picklist",
      [
        { sourceField: "Deal_Name", targetField: "Summary" },
        { sourceField: "Deal_Name", targetField: "Preferred_Time" },
      ],
      "fields[1].sourceField",
      "Preferred_Time",
    ],
    [
      "a default for a lookup target",
      [
        { sourceField: "Deal_Name", targetField: "Summary" },
        { targetField: "Company", defaultValue: "some-id" },
      ],
      "fields[1].targetField",
      "Company",
    ],
    [
      "a target mapped twice",
      [
        { sourceField: "Deal_Name", targetField: "Summary" },
        { sourceField: "Deal_Name", targetField: "Summary" },
      ],
      "fields[1].targetField",
      "twice",
    ],
    [
      "a target without source nor default",
      [{ sourceField: "Deal_Name", targetField: "Summary" }, { targetField: "Priority" }],
      "fields[1].defaultValue",
      "default",
    ],
    [
      "a default that is not a picklist value",
      [
        { sourceField: "Deal_Name", targetField: "Summary" },
        { targetField: "Priority", defaultValue: "Urgent" },
      ],
      "fields[1].defaultValue",
      "Priority",
    ],
  ] as [string, ConversionFieldInput[], string, string][])("refuses %s, naming the field", async (_, fields, field, named) => {
    const before = await defaults("Deals", "Requests");
    const { errors } = await replace("Deals", "Requests", fields);
    expect(errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field } });
    expect(errors![0].message).toContain(field);
    expect(errors![0].message).toContain(named);
    expect(await defaults("Deals", "Requests")).toEqual(before);
  });

  it("refuses a pair the product does not allow, naming targetModule", async () => {
    const { errors } = await replace("Products", "Requests", [{ sourceField: "Product_Name", targetField: "Summary" }]);
    expect(errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "targetModule" } });
  });

  it("is for administrators: a Standard user can neither read nor replace mappings, but can prefill and create", async () => {
    const read = await execute(t.url, ConversionMappingsDocument, {}, t.standard.token);
    expect(read.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" } });
    const write = await replace("Deals", "Requests", [{ sourceField: "Deal_Name", targetField: "Summary" }], t.standard.token);
    expect(write.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" } });
    expect(write.data ?? null).toBeNull();
    expect((await prefill("Deals", org.deal.id, "Requests")).values.summary).toBe("Acme maintenance contract");
    const { createRequestFromCrm } = await query(t.url, CreateRequestFromCrmDocument, { sourceModule: "Deals", sourceId: org.deal.id }, t.standard.token);
    expect(createRequestFromCrm.createdBy).toBe(t.standard.user.id);
  });

  it("creating, linking and converting are for the users the integration is installed for", async () => {
    const request = await t.services.fsm.create("Requests", { summary: "Scope check" }, { userId: "test" });
    const attempts = (token: string) =>
      Promise.all([
        execute(t.url, ConversionPrefillDocument, { sourceModule: "Deals", sourceId: org.deal.id, targetModule: "Requests" }, token),
        execute(t.url, CreateRequestFromCrmDocument, { sourceModule: "Deals", sourceId: org.deal.id }, token),
        execute(t.url, LinkToParentDocument, { fsmModule: "Requests", fsmId: request.id, parentModule: "Deals", parentId: org.deal.id }, token),
        execute(t.url, ConvertRequestToEstimateDocument, { requestId: request.id }, token),
        execute(t.url, CreateDealFromFsmDocument, { companyId: org.company.id, input: { dealName: "Scoped deal" } }, token),
      ]);
    await t.services.org.update({ installMode: InstallMode.ADMINS_ONLY }, t.admin.user.id);
    try {
      for (const refused of await attempts(t.standard.token)) {
        expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" } });
      }
      expect(await t.services.db.manager.countBy(ParentLink, { fsmId: request.id })).toBe(0);
      expect((await t.services.fsm.getMany("Requests", [request.id]))[0].status).toBe("New");
      for (const allowed of await attempts(t.admin.token)) expect(allowed.errors).toBeUndefined();
    } finally {
      await t.services.org.update({ installMode: InstallMode.ALL_USERS }, t.admin.user.id);
    }
  });

  it("a saved mapping feeds the prefill and the create, defaults included, and is audited", async () => {
    const saved = await replace("Deals", "Requests", [
      { sourceField: "Deal_Name", targetField: "Summary" },
      { sourceField: null, targetField: "Priority", defaultValue: "High" },
      { sourceField: "Closing_Date", targetField: "Preferred_Date" },
    ]);
    expect(saved.errors).toBeUndefined();
    const p = await prefill("Deals", org.deal.id, "Requests");
    expect(p.values).toEqual({ summary: "Acme maintenance contract", priority: "High", preferredDate: "2026-12-31" });
    const { createRequestFromCrm } = await query(
      t.url,
      CreateRequestFromCrmDocument,
      { sourceModule: "Deals", sourceId: org.deal.id, input: { priority: "Low" } },
      t.standard.token,
    );
    expect(createRequestFromCrm).toMatchObject({ summary: "Acme maintenance contract", priority: "Low", preferredDate: "2026-12-31", dueDate: null });
    const { settingsChanges } = await query(t.url, SettingsChangesDocument, {}, admin());
    expect(settingsChanges.find((c) => c.subject === "conversionMapping:Deals>Requests")).toMatchObject({ userId: t.admin.user.id });
  });

  it("maps custom fields; the user's custom values add to the prefilled ones instead of replacing them", async () => {
    await defineField("CRM", "Deals", "Site_Code");
    await defineField("FSM", "Work_Orders", "Site_Code");
    await defineField("FSM", "Work_Orders", "Gate_Code");
    expect(
      (
        await replace("Deals", "Work_Orders", [
          { sourceField: "Deal_Name", targetField: "Summary" },
          { sourceField: "Site_Code", targetField: "Site_Code" },
        ])
      ).errors,
    ).toBeUndefined();
    const deal = await t.services.crm.create(
      "Deals",
      { dealName: "Custom deal", accountId: org.accountA.id, customFields: { Site_Code: "S-9" } },
      { userId: "test" },
    );
    expect((await prefill("Deals", deal.id, "Work_Orders")).values).toEqual({ summary: "Custom deal", customFields: { Site_Code: "S-9" } });
    const created = await execute(
      t.url,
      CreateWorkOrderFromCrmDocument,
      {
        sourceModule: "Deals",
        sourceId: deal.id,
        input: { customFields: { Gate_Code: "1234" } },
      },
      t.standard.token,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createWorkOrderFromCrm.customFields).toEqual({ Site_Code: "S-9", Gate_Code: "1234" });
  });

  describe("personal data", () => {
    beforeAll(async () => {
      await defineField("FSM", "Requests", "Contact_Email");
      await defineField("FSM", "Requests", "Contact_Street");
      const saved = await replace("Contacts", "Requests", [
        { sourceField: "Last_Name", targetField: "Summary" },
        { sourceField: "Email", targetField: "Contact_Email" },
        { sourceField: "Mailing_Street", targetField: "Contact_Street" },
      ]);
      expect(saved.errors).toBeUndefined();
      await t.services.crm.update("Contacts", org.contactA1.id, { mailingAddress: { street: "7 Hidden Row" } }, { userId: "test" });
    });
    const restrict = (restrictNormal: boolean, restrictSensitive: boolean) =>
      query(t.url, RestrictCrmPersonalDataDocument, { module: "Contacts", restrictNormal, restrictSensitive }, admin());
    afterAll(() => restrict(false, false));

    it("flows into the prefill and the record while the CRM does not restrict it", async () => {
      const p = await prefill("Contacts", org.contactA1.id, "Requests");
      expect(p).toMatchObject({
        values: { summary: "Okafor", customFields: { Contact_Email: "ada@acme.example", Contact_Street: "7 Hidden Row" } },
        skippedPersonalFields: 0,
      });
    });

    it("a restricted Normal field never appears in the prefill, the record, its timeline or the idempotency record", async () => {
      await restrict(true, false);
      const p = await prefill("Contacts", org.contactA1.id, "Requests");
      expect(JSON.stringify(p)).not.toContain("ada@acme.example");
      expect(p).toMatchObject({ values: { summary: "Okafor", customFields: { Contact_Street: "7 Hidden Row" } }, skippedPersonalFields: 1 });
      const { createRequestFromCrm } = await query(
        t.url,
        CreateRequestFromCrmDocument,
        { sourceModule: "Contacts", sourceId: org.contactA1.id, idempotencyKey: "private-1" },
        t.standard.token,
      );
      expect(createRequestFromCrm.customFields).toEqual({ Contact_Street: "7 Hidden Row" });
      expect(createRequestFromCrm.contactId).toBe(org.fsmContact.id);
      expect(JSON.stringify(await t.services.db.manager.find(TimelineEntry))).not.toContain("ada@acme.example");
      expect(JSON.stringify(await t.services.db.manager.find(IdempotencyKey))).not.toContain("ada@acme.example");
    });

    it("a restricted Sensitive field is left out only when Sensitive is restricted", async () => {
      await restrict(false, true);
      const p = await prefill("Contacts", org.contactA1.id, "Requests");
      expect(JSON.stringify(p)).not.toContain("7 Hidden Row");
      expect(p).toMatchObject({ values: { customFields: { Contact_Email: "ada@acme.example" } }, skippedPersonalFields: 1 });
      await restrict(true, true);
      const both = await prefill("Contacts", org.contactA1.id, "Requests");
      expect(both).toMatchObject({ values: { summary: "Okafor" }, skippedPersonalFields: 2 });
      expect(both.values.customFields ?? {}).toEqual({});
      const { createRequestFromCrm } = await query(
        t.url,
        CreateRequestFromCrmDocument,
        { sourceModule: "Contacts", sourceId: org.contactA1.id },
        t.standard.token,
      );
      expect(createRequestFromCrm.customFields).toEqual({});
    });
  });
});
