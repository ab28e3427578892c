import { setTimeout as pause } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startZohoEmulator, type ZohoEmulator } from "../support/zoho-emulator/emulator";
import { RecordAuthors } from "../../src/remote/authorship/record-authors";
import { RecordAuthor } from "../../src/remote/authorship/record-author.entity";
import { ZohoRecordStore } from "../../src/remote/zoho-record-store";
import { PlainTransport } from "../../src/remote/transport/plain-transport";
import { FieldDataType, FieldDefinition, PersonalDataClass, SystemName } from "../../src/fields/field-definition.entity";
import type { FieldSource } from "../../src/remote/zoho-record-codec";
import { RecordRejectedError } from "../../src/common/record-rejected.error";
import type { CrmRecords, FsmRecords } from "../../src/modules/module-registry";
import type { RecordBase } from "../../src/common/record-base";
import type { RecordPage } from "../../src/common/record-store";

const actor = { userId: "tester" };

describe("Zoho connectors against the emulator", () => {
  let emulator: ZohoEmulator;
  let crm: ZohoRecordStore<CrmRecords>;
  let fsm: ZohoRecordStore<FsmRecords>;
  let crmHttp: PlainTransport;
  let fsmHttp: PlainTransport;
  const requestsTo = (path: RegExp) => emulator.requests.filter((r) => path.test(r.path));

  beforeAll(async () => {
    emulator = await startZohoEmulator();
    // The org has one custom field, Accounts.Tier: the vendor and the connectors both know it.
    const tier = Object.assign(new FieldDefinition(), {
      id: "tier",
      system: SystemName.CRM,
      module: "Accounts",
      apiName: "Tier",
      fieldName: "customFields.Tier",
      label: "Tier",
      dataType: FieldDataType.TEXT,
      mandatory: false,
      personalData: PersonalDataClass.NONE,
      picklistValues: null,
      lookupModule: null,
      isCustom: true,
    });
    const standard = emulator.standardFields;
    const fields: FieldSource = {
      definitionsOf: async (system, module) => [
        ...(await standard.definitionsOf(system, module)),
        ...(system === SystemName.CRM && module === "Accounts" ? [tier] : []),
      ],
    };
    emulator.useFields(fields);
    // Authorship is the gateway's own table: here, one in the emulator's database will do.
    const authors = new RecordAuthors(emulator.db);
    crmHttp = new PlainTransport(emulator.crmApiUrl, "test-token");
    fsmHttp = new PlainTransport(emulator.fsmApiUrl, "test-token");
    crm = new ZohoRecordStore<CrmRecords>(crmHttp, SystemName.CRM, fields, authors);
    fsm = new ZohoRecordStore<FsmRecords>(fsmHttp, SystemName.FSM, fields, authors);
  });
  afterAll(() => emulator?.stop());
  beforeEach(() => {
    emulator.requests.length = 0;
  });

  it("maps fields both ways: API names, lookups as {id}, flat CRM and nested FSM addresses, custom fields", async () => {
    const account = await crm.create(
      "Accounts",
      { accountName: "Wire Co", industry: "Retail", billingAddress: { city: "Leeds", code: "LS1" }, customFields: { Tier: "Gold" } },
      actor,
    );
    const contact = await crm.create("Contacts", { lastName: "Wire", email: "w@wire.example", accountId: account.id }, actor);
    const raw = await crmHttp.request<{ data: Record<string, unknown>[] }>({ method: "GET", path: `/Contacts/${contact.id}` });
    expect(raw.body!.data[0]).toMatchObject({ id: contact.id, Last_Name: "Wire", Email: "w@wire.example", Account_Name: { id: account.id } });
    const rawAccount = (await crmHttp.request<{ data: Record<string, unknown>[] }>({ method: "GET", path: `/Accounts/${account.id}` })).body!.data[0];
    expect(rawAccount).toMatchObject({
      Account_Name: "Wire Co",
      Industry: "Retail",
      Billing_City: "Leeds",
      Billing_Code: "LS1",
      Billing_Street: null,
      Tier: "Gold",
    });
    expect(account).toMatchObject({ accountName: "Wire Co", billingAddress: { city: "Leeds", code: "LS1", street: null }, customFields: { Tier: "Gold" } });

    const company = await fsm.create("Companies", { companyName: "Wire Co", serviceAddress: { city: "Austin", code: "73301" } }, actor);
    const rawCompany = (await fsmHttp.request<{ data: Record<string, unknown>[] }>({ method: "GET", path: `/Companies/${company.id}` })).body!.data[0];
    expect(rawCompany).toMatchObject({ Company_Name: "Wire Co", Service_Address: { City: "Austin", Zip_Code: "73301" } });
    const updated = await fsm.update("Companies", company.id, { serviceAddress: { street: "1 Main St" } }, actor);
    expect(updated.serviceAddress).toEqual({ street: "1 Main St", city: "Austin", state: null, code: "73301", country: null });
    expect((await fsm.getMany("Companies", [company.id]))[0]).toEqual(updated);
    // Services_And_Parts is Service_And_Parts on the wire.
    await fsm.create("Services_And_Parts", { name: "Visit", type: "Service", unitPrice: 90 }, actor);
    expect(requestsTo(/^\/Service_And_Parts$/).length).toBeGreaterThan(0);
    const request = await fsm.create("Requests", { summary: "Leaking boiler", phone: "+1 512 555 0100" }, actor);
    const rawRequest = (await fsmHttp.request<{ data: Record<string, unknown>[] }>({ method: "GET", path: `/Requests/${request.id}` })).body!.data[0];
    expect(rawRequest).toMatchObject({ Summary: "Leaking boiler", Phone: "+1 512 555 0100" });
    expect((await fsm.getMany("Requests", [request.id]))[0].phone).toBe("+1 512 555 0100");
    // The paging cases below count on an empty Requests module.
    await fsm.delete("Requests", request.id);
  });

  it("keeps line items as a subform of their parent (Service_Line_Items), added by updating the parent", async () => {
    const part = await fsm.create("Services_And_Parts", { name: "Filter", type: "Part", unitPrice: 5 }, actor);
    const workOrder = await fsm.create("Work_Orders", { summary: "Lines" }, actor);
    const lines = await fsm.createMany(
      "Work_Order_Line_Items",
      [
        { workOrderId: workOrder.id, position: 1, kind: "Part", serviceAndPartId: part.id, quantity: 2, listPrice: 5, amount: 10 },
        { workOrderId: workOrder.id, position: 2, kind: "Part", serviceAndPartId: part.id, quantity: 1, listPrice: 5, amount: 5 },
      ],
      actor,
    );
    expect(lines.map((l) => [l.workOrderId, l.position, l.quantity])).toEqual([
      [workOrder.id, 1, 2],
      [workOrder.id, 2, 1],
    ]);
    const raw = (await fsmHttp.request<{ data: Record<string, unknown>[] }>({ method: "GET", path: `/Work_Orders/${workOrder.id}` })).body!.data[0];
    expect(raw.Service_Line_Items).toMatchObject([
      { id: lines[0].id, Service: { id: part.id }, Sequence: 1, Quantity: 2 },
      { id: lines[1].id, Sequence: 2 },
    ]);
    expect((await fsm.findByReference("Work_Order_Line_Items", "workOrderId", [workOrder.id])).map((l) => l.id)).toEqual(lines.map((l) => l.id));
  });

  it("replaces a parent's line items in one update: the CRM's rows left out go, the FSM's old rows go marked $fsm_delete", async () => {
    const order = await crm.create("Sales_Orders", { subject: "Replace" }, actor);
    await crm.replaceRows("Sales_Order_Line_Items", order.id, [{ position: 0, quantity: 1, listPrice: 2, amount: 2 }], actor);
    emulator.requests.length = 0;
    const crmRows = await crm.replaceRows(
      "Sales_Order_Line_Items",
      order.id,
      [
        { position: 0, quantity: 3, listPrice: 4, amount: 12 },
        { position: 1, quantity: 5, listPrice: 1, amount: 5 },
      ],
      actor,
    );
    expect(crmRows.map((l) => [l.salesOrderId, l.position, l.quantity, l.amount])).toEqual([
      [order.id, 0, 3, 12],
      [order.id, 1, 5, 5],
    ]);
    expect(requestsTo(/Sales_Orders$/).filter((r) => r.method === "PUT")).toHaveLength(1);
    expect((await crm.findByReference("Sales_Order_Line_Items", "salesOrderId", [order.id])).map((l) => l.id)).toEqual(crmRows.map((l) => l.id));

    const workOrder = await fsm.create("Work_Orders", { summary: "Replace" }, actor);
    await fsm.replaceRows("Work_Order_Line_Items", workOrder.id, [{ position: 1, kind: "Part", quantity: 1, listPrice: 5, amount: 5 }], actor);
    const fsmRows = await fsm.replaceRows("Work_Order_Line_Items", workOrder.id, [{ position: 1, kind: "Part", quantity: 2, listPrice: 5, amount: 10 }], actor);
    expect(fsmRows.map((l) => [l.quantity, l.amount])).toEqual([[2, 10]]);
    expect(await fsm.replaceRows("Work_Order_Line_Items", workOrder.id, [], actor)).toEqual([]);
  });

  it("refuses a batch with per-record results (207) mapped onto our reasons, and takes back the accepted records", async () => {
    const reply = await crmHttp.request<{ data: { code: string; status: string; details: Record<string, unknown> }[] }>({
      method: "POST",
      path: "/Products",
      body: { data: [{ Product_Name: "Good" }, { Product_Code: "no-name" }, { Product_Name: "Bad type", Type: "Nonsense" }] },
    });
    expect(reply.status).toBe(207);
    expect(reply.body!.data.map((r) => [r.status, r.code])).toEqual([
      ["success", "SUCCESS"],
      ["error", "MANDATORY_NOT_FOUND"],
      ["error", "INVALID_DATA"],
    ]);
    expect(reply.body!.data[1].details).toMatchObject({ api_name: "Product_Name", json_path: "$.data[1].Product_Name" });

    const before = (await crm.list("Products", {}, { first: 200, direction: "ASC" })).records.length;
    const refused = await crm.createMany("Products", [{ productName: "Kept?" }, { productCode: "missing name" }], actor).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RecordRejectedError);
    expect(refused).toMatchObject({ reason: "MANDATORY_NOT_FOUND", fieldName: "productName" });
    expect((await crm.list("Products", {}, { first: 200, direction: "ASC" })).records.length).toBe(before);

    const company = await fsm.create("Companies", { companyName: "Dup Co" }, actor);
    await fsm.create("Contacts", { lastName: "One", email: "same@dup.example", companyId: company.id }, actor);
    await expect(fsm.create("Contacts", { lastName: "Two", email: "same@dup.example", companyId: company.id }, actor)).rejects.toMatchObject({
      reason: "DUPLICATE_DATA",
      fieldName: "email",
    });
    await expect(crm.update("Accounts", "no-such-id", { phone: "1" }, actor)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await crm.delete("Accounts", "no-such-id")).toBe(false);
  });

  it("names the gateway's user as author where the vendor names the OAuth user, until someone edits the record in the vendor", async () => {
    const account = await crm.create("Accounts", { accountName: "Authored Ltd" }, actor);
    const [raw] = await emulator.context.stores.CRM.getMany("Accounts", [account.id]);
    expect(raw.createdBy).not.toBe(actor.userId); // the vendor credits the API's own user
    expect(account).toMatchObject({ createdBy: "tester", modifiedBy: "tester" });
    await crm.update("Accounts", account.id, { phone: "0113 000" }, { userId: "sync" });
    expect((await crm.getMany("Accounts", [account.id]))[0]).toMatchObject({ createdBy: "tester", modifiedBy: "sync" });
    await pause(5); // a distinct modified time
    await emulator.context.stores.CRM.update("Accounts", account.id, { phone: "0113 111" } as never, { userId: "vendor-user" });
    const [edited] = await crm.getMany("Accounts", [account.id]);
    expect(edited).toMatchObject({ createdBy: "tester", modifiedBy: "vendor-user", phone: "0113 111" });
    const listed = await crm.list("Accounts", { equals: { accountName: "Authored Ltd" } }, { first: 5, direction: "ASC" });
    expect(listed.records.map((r) => r.createdBy)).toEqual(["tester"]);
    await crm.delete("Accounts", account.id);
    expect(await emulator.db.manager.countBy(RecordAuthor, { recordId: account.id })).toBe(0);
  });

  it("reads many records by id in batches of 100 ids, one request each", async () => {
    const created = await crm.createMany(
      "Deals",
      Array.from({ length: 250 }, (_, i) => ({ dealName: `Deal ${i}` })),
      actor,
    );
    expect(requestsTo(/^\/Deals$/).filter((r) => r.method === "POST")).toHaveLength(3); // 100 + 100 + 50
    emulator.requests.length = 0;
    const read = await crm.getMany("Deals", [...created.map((d) => d.id), "missing-id"]);
    expect(read).toHaveLength(250);
    const gets = emulator.requests.filter((r) => r.method === "GET");
    expect(gets).toHaveLength(3);
    expect(gets.map((r) => String(r.query.ids).split(",").length)).toEqual([100, 100, 51]);
  });

  it("finds records by a reference with one search per 10 values (CRM criteria)", async () => {
    const accounts = await crm.createMany(
      "Accounts",
      Array.from({ length: 12 }, (_, i) => ({ accountName: `Ref ${i}` })),
      actor,
    );
    await crm.createMany(
      "Contacts",
      accounts.map((a, i) => ({ lastName: `C${i}`, accountId: a.id })),
      actor,
    );
    emulator.requests.length = 0;
    const contacts = await crm.findByReference(
      "Contacts",
      "accountId",
      accounts.map((a) => a.id),
    );
    expect(contacts).toHaveLength(12);
    const searches = requestsTo(/^\/Contacts\/search$/);
    expect(searches).toHaveLength(2);
    expect(String(searches[0].query.criteria)).toMatch(/^\(\(Account_Name:equals:[^)]+\)or\(Account_Name:equals:/);
  });

  describe("paging past 2,000 records", () => {
    const TOTAL = 2050;
    let ids: string[];

    beforeAll(async () => {
      const store = emulator.context.stores[SystemName.FSM];
      const made = await store.createMany(
        "Assets",
        Array.from({ length: TOTAL }, (_, i) => ({ name: `Asset ${i}` })),
        actor,
      );
      ids = made.map((r: RecordBase) => r.id);
    });

    it("walks every record once with page numbers up to 2,000 and page tokens after, in (modified time, id) order", async () => {
      const seen: RecordBase[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 20; guard += 1) {
        const page: RecordPage<RecordBase> = await fsm.list("Assets", {}, { first: 200, after, direction: "ASC" });
        seen.push(...page.records);
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      expect(seen).toHaveLength(TOTAL);
      expect(new Set(seen.map((r) => r.id))).toEqual(new Set(ids));
      const key = (r: RecordBase) => `${r.modifiedTime.toISOString()}|${r.id}`;
      expect(seen.map(key)).toEqual([...seen.map(key)].sort());
      const gets = requestsTo(/^\/Assets$/);
      expect(gets.filter((r) => r.query.page !== undefined).map((r) => Number(r.query.page))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(gets.filter((r) => r.query.page_token !== undefined)).toHaveLength(1);
      expect(gets.every((r) => r.query.sort_by === "Modified_Time" && r.query.sort_order === "asc")).toBe(true);
    });

    it("refuses page numbers past 2,000 records, as the vendor does", async () => {
      const reply = await fsmHttp.request<{ code: string }>({ method: "GET", path: "/Assets", query: { page: 11, per_page: 200 } });
      expect(reply.status).toBe(400);
      expect(reply.body!.code).toBe("DISCRETE_PAGINATION_LIMIT_EXCEEDED");
    });

    it("filters on our side across token pages (a text search) and counts the same", async () => {
      const page = await fsm.list("Assets", { textSearch: { fields: ["name"], text: "asset 204" } }, { first: 5, direction: "DESC" });
      expect(page.records).toHaveLength(5);
      expect(page.records.every((r) => /^Asset 204/.test(r.name))).toBe(true);
      expect(page.hasNextPage).toBe(true);
      expect(await page.countTotal()).toBe(11);
    });

    it("ends a list on an empty 204 page", async () => {
      const reply = await fsmHttp.request({ method: "GET", path: "/Requests", query: { page: 1, per_page: 10 } });
      expect(reply).toMatchObject({ status: 204, body: null });
      const page = await fsm.list("Requests", {}, { first: 10, direction: "DESC" });
      expect(page).toMatchObject({ records: [], hasNextPage: false, endCursor: null });
      expect(await page.countTotal()).toBe(0);
    });
  });
});
