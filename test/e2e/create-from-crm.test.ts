import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import { buildSmallOrg, type SmallOrg } from "../support/small-org";
import {
  AccountRelatedListsDocument,
  ConversionPrefillDocument,
  ConvertedAssetDocument,
  ConvertedEstimateDocument,
  ConvertedRequestDocument,
  ConvertedWorkOrderDocument,
  CreateAssetFromCrmDocument,
  CreateEstimateFromCrmDocument,
  CreateRequestFromCrmDocument,
  CreateWorkOrderFromCrmDocument,
  CrmContactRelatedListsDocument,
  DealRelatedListsDocument,
  ProductRelatedAssetsDocument,
  SalesOrderRelatedListsDocument,
  SyncRecordNowDocument,
  UpdateSyncSettingsDocument,
  type ConversionPrefillQuery,
  type ConversionSource,
  type ConversionTarget,
} from "../generated/graphql";
import { SyncEvent } from "../../src/sync/history/sync-event.entity";
import { SyncLink } from "../../src/links/sync-link.entity";
import { ParentLink } from "../../src/links/parent-link.entity";
import { TimelineEntry } from "../../src/timeline/timeline-entry.entity";
import { IdempotencyKey } from "../../src/conversion/idempotency-key.entity";

type Prefill = ConversionPrefillQuery["conversionPrefill"];
type Line = {
  position: number;
  kind: string | null;
  serviceAndPartId: string | null;
  quantity: number;
  listPrice: number | null;
  discount: number | null;
  tax: number | null;
  amount: number | null;
};
interface Created {
  id: string;
  companyId: string | null;
  contactId: string | null;
  parentLink: { parentModule: string; parentId: string } | null;
  timeline: { kind: string; message: string }[];
  lineItems?: Line[];
  [field: string]: unknown;
}

const ALLOWED: [ConversionSource, ConversionTarget][] = [
  ["Accounts", "Requests"],
  ["Accounts", "Estimates"],
  ["Accounts", "Work_Orders"],
  ["Contacts", "Requests"],
  ["Contacts", "Estimates"],
  ["Contacts", "Work_Orders"],
  ["Deals", "Requests"],
  ["Deals", "Estimates"],
  ["Deals", "Work_Orders"],
  ["Sales_Orders", "Assets"],
  ["Sales_Orders", "Requests"],
  ["Sales_Orders", "Estimates"],
  ["Sales_Orders", "Work_Orders"],
  ["Products", "Assets"],
];

describe("creating FSM records from CRM records", () => {
  let t: TestGateway;
  let org: SmallOrg;
  const user = () => t.standard.token;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    org = await buildSmallOrg(t.services, t.admin.user.id);
  });
  afterAll(() => t.stop());

  /** How many records a module holds (with this summary, when given). */
  const countFsm = async (module: string, summary?: string) =>
    (await t.services.fsm.list(module as never, summary ? { equals: { summary } } : {}, { first: 1, direction: "DESC" })).countTotal();

  const prefill = async (sourceModule: ConversionSource, sourceId: string, targetModule: ConversionTarget) =>
    (await query(t.url, ConversionPrefillDocument, { sourceModule, sourceId, targetModule }, user())).conversionPrefill;

  /** One create mutation per FSM module, run over HTTP; returns the raw response so errors can be checked. */
  async function create(
    sourceModule: ConversionSource,
    sourceId: string,
    target: ConversionTarget,
    input: Record<string, unknown> | null = null,
    idempotencyKey: string | null = null,
    token = user(),
  ) {
    const vars = { sourceModule, sourceId, input, idempotencyKey } as never;
    switch (target) {
      case "Requests": {
        const r = await execute(t.url, CreateRequestFromCrmDocument, vars, token);
        return { errors: r.errors, record: r.data?.createRequestFromCrm as Created | undefined };
      }
      case "Estimates": {
        const r = await execute(t.url, CreateEstimateFromCrmDocument, vars, token);
        return { errors: r.errors, record: r.data?.createEstimateFromCrm as Created | undefined };
      }
      case "Work_Orders": {
        const r = await execute(t.url, CreateWorkOrderFromCrmDocument, vars, token);
        return { errors: r.errors, record: r.data?.createWorkOrderFromCrm as Created | undefined };
      }
      case "Assets": {
        const r = await execute(t.url, CreateAssetFromCrmDocument, vars, token);
        return { errors: r.errors, record: r.data?.createAssetFromCrm as Created | undefined };
      }
    }
  }

  async function created(
    sourceModule: ConversionSource,
    sourceId: string,
    target: ConversionTarget,
    input: Record<string, unknown> | null = null,
    idempotencyKey: string | null = null,
  ) {
    const { errors, record } = await create(sourceModule, sourceId, target, input, idempotencyKey);
    if (errors?.length || !record) throw new Error(`create ${target} from ${sourceModule} failed: ${JSON.stringify(errors)}`);
    return record;
  }

  /** The record as the graph reads it afterwards (not the mutation's own answer). */
  async function reread(target: ConversionTarget, id: string): Promise<Created> {
    switch (target) {
      case "Requests":
        return (await query(t.url, ConvertedRequestDocument, { id }, user())).request;
      case "Estimates":
        return (await query(t.url, ConvertedEstimateDocument, { id }, user())).estimate;
      case "Work_Orders":
        return (await query(t.url, ConvertedWorkOrderDocument, { id }, user())).workOrder;
      case "Assets":
        return (await query(t.url, ConvertedAssetDocument, { id }, user())).asset;
    }
  }

  /** Every prefilled value, the customer, the parent and the lines are what the created record holds. */
  function expectCreatedFromPrefill(record: Created, p: Prefill) {
    for (const [field, value] of Object.entries(p.values)) {
      if (field === "customFields") expect(record.customFields).toMatchObject(value as object);
      else expect(record[field], field).toEqual(value);
    }
    expect(record.companyId).toBe(p.companyId);
    expect(record.contactId).toBe(p.contactId);
    if (p.serviceAndPartId) expect(record.serviceAndPartId).toBe(p.serviceAndPartId);
    expect(record.parentLink ? { parentModule: record.parentLink.parentModule, parentId: record.parentLink.parentId } : null).toEqual(
      p.parentModule ? { parentModule: p.parentModule, parentId: p.parentId } : null,
    );
    if (record.lineItems) {
      expect(
        record.lineItems.map(({ position, serviceAndPartId, quantity, listPrice, discount, tax, amount }) => ({
          position,
          serviceAndPartId,
          quantity,
          listPrice,
          discount,
          tax,
          amount,
        })),
      ).toEqual(
        p.lineItems.map(({ position, serviceAndPartId, quantity, listPrice, discount, tax, amount }) => ({
          position,
          serviceAndPartId,
          quantity,
          listPrice,
          discount,
          tax,
          amount,
        })),
      );
      p.lineItems.forEach((line, i) => {
        if (line.kind) expect(record.lineItems![i].kind).toBe(line.kind);
      });
    }
  }

  describe("every allowed pair", () => {
    const sourceId = (module: ConversionSource) =>
      ({ Accounts: org.accountA.id, Contacts: org.contactA1.id, Deals: org.deal.id, Sales_Orders: org.salesOrder.id, Products: org.productP.id })[module];
    const title = (module: ConversionSource) =>
      ({ Accounts: "Acme Facilities", Contacts: "Okafor", Deals: "Acme maintenance contract", Sales_Orders: "SO-ACME-1", Products: "Boiler Inspection" })[
        module
      ];

    // The Sales Order's second line is a Product without a Service or Part yet: sync it now, so that the
    // prefill is complete (the line tests below cover syncing it on create).
    beforeAll(async () => {
      const { syncRecordNow } = await query(t.url, SyncRecordNowDocument, { system: "CRM", module: "Products", id: org.productG.id }, t.admin.token);
      expect(syncRecordNow.status).toBe("SYNCED");
    });

    it.each(ALLOWED)("%s → %s: the prefill is exactly what the create mutation writes", async (source, target) => {
      const p = await prefill(source, sourceId(source), target);
      expect(p).toMatchObject({ sourceModule: source, sourceId: sourceId(source), targetModule: target, syncsFirst: [], skippedPersonalFields: 0 });
      expect(p.values[target === "Assets" ? "name" : "summary"]).toBe(title(source));
      const record = await created(source, sourceId(source), target);
      expectCreatedFromPrefill(record, p);
      expectCreatedFromPrefill(await reread(target, record.id), p);

      // Company and Contact come from the source's Account and Contact through their sync links.
      if (source !== "Products") expect(record.companyId).toBe(org.company.id);
      expect(record.contactId).toBe(source === "Accounts" || source === "Products" ? null : org.fsmContact.id);
      // A Deal or Sales Order becomes the parent; other sources give none.
      const parent =
        source === "Deals"
          ? { parentModule: "Deals", parentId: org.deal.id }
          : source === "Sales_Orders"
            ? { parentModule: "Sales_Orders", parentId: org.salesOrder.id }
            : null;
      expect(record.parentLink ? { parentModule: record.parentLink.parentModule, parentId: record.parentLink.parentId } : null).toEqual(parent);
      if (source === "Deals") expect(record.deal).toEqual({ id: org.deal.id, dealName: "Acme maintenance contract" });
      if (source === "Sales_Orders") expect(record.salesOrder).toEqual({ id: org.salesOrder.id, subject: "SO-ACME-1" });
      if (source === "Products") expect(record).toMatchObject({ serviceAndPartId: org.service.id, assetNumber: "P-1", crmProduct: { id: org.productP.id } });
      // The timeline says where it came from.
      expect(record.timeline).toEqual([expect.objectContaining({ kind: "CREATED_FROM", message: expect.stringContaining(title(source)) })]);
      expect(record.timeline[0].message).toContain(sourceId(source));
      expect(record.createdBy).toBe(t.standard.user.id);
    });

    it("maps Deal Closing_Date to a Request's Due Date and an Estimate's Expiry Date; Sales Order totals to Estimates and Work Orders", async () => {
      expect((await prefill("Deals", org.deal.id, "Requests")).values).toEqual({ summary: "Acme maintenance contract", dueDate: "2026-12-31" });
      expect((await prefill("Deals", org.deal.id, "Estimates")).values).toEqual({ summary: "Acme maintenance contract", expiryDate: "2026-12-31" });
      expect((await prefill("Sales_Orders", org.salesOrder.id, "Work_Orders")).values).toMatchObject({ summary: "SO-ACME-1", subTotal: 150, grandTotal: 150 });
      expect(await prefill("Products", org.productP.id, "Assets")).toMatchObject({
        values: { name: "Boiler Inspection", assetNumber: "P-1" },
        serviceAndPartId: org.service.id,
        companyId: null,
        parentModule: null,
      });
    });
  });

  describe("pairs the product does not allow", () => {
    it.each([
      ["Products", "Requests"],
      ["Products", "Estimates"],
      ["Products", "Work_Orders"],
      ["Accounts", "Assets"],
      ["Contacts", "Assets"],
      ["Deals", "Assets"],
    ] as [ConversionSource, ConversionTarget][])("%s → %s is refused naming targetModule, and writes nothing", async (source, target) => {
      const id = { Accounts: org.accountA.id, Contacts: org.contactA1.id, Deals: org.deal.id, Products: org.productP.id, Sales_Orders: org.salesOrder.id }[
        source
      ];
      const before = await countFsm(target);
      const { errors, record } = await create(source, id, target);
      expect(record ?? null).toBeNull();
      expect(errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "targetModule" } });
      expect(errors![0].message).toContain(target);
      expect(errors![0].message).toContain(source);
      expect(await countFsm(target as never)).toBe(before);
      const refusedPrefill = await execute(t.url, ConversionPrefillDocument, { sourceModule: source, sourceId: id, targetModule: target }, user());
      expect(refusedPrefill.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "targetModule" } });
    });

    it("refuses an unknown source record with NOT_FOUND", async () => {
      const { errors } = await create("Deals", "00000000-0000-0000-0000-000000000000", "Requests");
      expect(errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
      const refused = await execute(t.url, ConversionPrefillDocument, { sourceModule: "Accounts", sourceId: "nope", targetModule: "Requests" }, user());
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    });

    it("refuses callers without a token", async () => {
      const { errors } = await create("Deals", org.deal.id, "Requests", null, null, "");
      expect(errors?.[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    });
  });

  describe("the user's values", () => {
    it("win over the prefill, field by field; the rest of the prefill and the customer stay", async () => {
      const p = await prefill("Deals", org.deal.id, "Work_Orders");
      const record = await created("Deals", org.deal.id, "Work_Orders", { summary: "Quarterly boiler service", priority: "Critical", type: "Inspection" });
      expect(record).toMatchObject({
        summary: "Quarterly boiler service",
        priority: "Critical",
        type: "Inspection",
        dueDate: p.values.dueDate,
        companyId: org.company.id,
        contactId: org.fsmContact.id,
      });
      expect(record.parentLink).toMatchObject({ parentModule: "Deals", parentId: org.deal.id });
    });

    it("can clear a prefilled value with an explicit null", async () => {
      const record = await created("Deals", org.deal.id, "Requests", { dueDate: null, preferredTime: "Morning" });
      expect(record).toMatchObject({ summary: "Acme maintenance contract", dueDate: null });
    });

    it("can give a Request its Phone, which the graph reads back", async () => {
      const record = await created("Deals", org.deal.id, "Requests", { phone: "+44 113 496 0000" });
      expect(record.phone).toBe("+44 113 496 0000");
      expect((await reread("Requests", record.id)).phone).toBe("+44 113 496 0000");
    });

    it("bound a Request's Phone like its column: too long or with control characters is refused", async () => {
      const before = await countFsm("Requests");
      for (const phone of ["1".repeat(256), "555\u00000100"]) {
        const { errors } = await create("Deals", org.deal.id, "Requests", { phone });
        expect(errors?.[0], phone).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "phone" } });
      }
      expect(await countFsm("Requests")).toBe(before);
    });

    it("are checked like any FSM write: an invalid picklist value is refused and nothing is written", async () => {
      const before = await countFsm("Requests");
      const { errors } = await create("Deals", org.deal.id, "Requests", { priority: "Urgent" });
      expect(errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "priority" } });
      expect(await countFsm("Requests")).toBe(before);
    });
  });

  describe("Company and Contact", () => {
    it("syncs an unsynced Account and Contact first: listed in syncsFirst before, linked afterwards", async () => {
      const p = await prefill("Contacts", org.contactB1.id, "Requests");
      expect(p).toMatchObject({ companyId: null, contactId: null, syncsFirst: [`Accounts/${org.accountB.id}`, `Contacts/${org.contactB1.id}`] });
      const record = await created("Contacts", org.contactB1.id, "Requests");
      const { account } = await query(t.url, AccountRelatedListsDocument, { id: org.accountB.id }, user());
      const { crmContact } = await query(t.url, CrmContactRelatedListsDocument, { id: org.contactB1.id }, user());
      expect(account.fsmCompany).toMatchObject({ companyName: "Beta Hotels" });
      expect(crmContact.fsmContact).toMatchObject({ email: "ben@beta.example", companyId: account.fsmCompany!.id });
      expect(record).toMatchObject({
        companyId: account.fsmCompany!.id,
        contactId: crmContact.fsmContact!.id,
        crmAccount: { id: org.accountB.id },
        crmContact: { id: org.contactB1.id },
      });
      expect(account.requests.map((r) => r.id)).toContain(record.id);
      expect(crmContact.requests.map((r) => r.id)).toContain(record.id);
      // The syncs are in the sync history like any other.
      const events = await t.services.db.manager.findBy(SyncEvent, { crmId: org.accountB.id });
      expect(events).toEqual([expect.objectContaining({ reason: "COUNTERPART_CREATED", fsmId: account.fsmCompany!.id })]);
      // Now the prefill finds them.
      expect(await prefill("Contacts", org.contactB1.id, "Estimates")).toMatchObject({
        companyId: account.fsmCompany!.id,
        contactId: crmContact.fsmContact!.id,
        syncsFirst: [],
      });
    });

    it("syncs a Deal's unsynced Account first", async () => {
      const account = await t.services.crm.create("Accounts", { accountName: "Delta Dental" }, { userId: "test" });
      const deal = await t.services.crm.create("Deals", { dealName: "Delta chairs", accountId: account.id }, { userId: "test" });
      expect((await prefill("Deals", deal.id, "Work_Orders")).syncsFirst).toEqual([`Accounts/${account.id}`]);
      const record = await created("Deals", deal.id, "Work_Orders");
      const { account: read } = await query(t.url, AccountRelatedListsDocument, { id: account.id }, user());
      expect(record.companyId).toBe(read.fsmCompany!.id);
      expect(read.workOrders.map((w) => w.id)).toEqual([record.id]);
    });

    it("leaves Company empty when Accounts sync cannot create one, instead of failing", async () => {
      await query(t.url, UpdateSyncSettingsDocument, { pair: "CONTACTS_CONTACTS", input: { enabled: false } }, t.admin.token);
      await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { enabled: false } }, t.admin.token);
      try {
        const account = await t.services.crm.create("Accounts", { accountName: "Offline Org" }, { userId: "test" });
        const record = await created("Accounts", account.id, "Requests");
        expect(record).toMatchObject({ summary: "Offline Org", companyId: null });
        expect(await t.services.db.manager.countBy(SyncLink, { crmId: account.id })).toBe(0);
      } finally {
        await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { enabled: true } }, t.admin.token);
        await query(t.url, UpdateSyncSettingsDocument, { pair: "CONTACTS_CONTACTS", input: { enabled: true } }, t.admin.token);
      }
    });

    it("fails clearly, naming the Contact, when the source's Contact cannot be synced, and writes nothing", async () => {
      const account = await t.services.crm.create("Accounts", { accountName: "No Mail Inc" }, { userId: "test" });
      const contact = await t.services.crm.create("Contacts", { lastName: "Nomail", accountId: account.id }, { userId: "test" });
      const requests = await countFsm("Requests");
      const { errors } = await create("Contacts", contact.id, "Requests");
      expect(errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "contactId" } });
      expect(errors![0].message).toContain(contact.id);
      expect(errors![0].message).toMatch(/Email/);
      expect(await countFsm("Requests")).toBe(requests);
      // Not even the Account's Company, synced on the way, is kept.
      expect(await t.services.db.manager.countBy(SyncLink, { crmId: account.id })).toBe(0);
    });
  });

  describe("parent and related lists", () => {
    it("a record created from a Deal is at once in the Deal's, the Account's and the Contact's lists", async () => {
      const request = await created("Deals", org.deal.id, "Requests");
      const estimate = await created("Deals", org.deal.id, "Estimates");
      const workOrder = await created("Deals", org.deal.id, "Work_Orders");
      const { deal } = await query(t.url, DealRelatedListsDocument, { id: org.deal.id }, user());
      expect(deal.requests.map((r) => r.id)).toContain(request.id);
      expect(deal.estimates.map((r) => r.id)).toContain(estimate.id);
      expect(deal.workOrders.map((r) => r.id)).toContain(workOrder.id);
      const { account } = await query(t.url, AccountRelatedListsDocument, { id: org.accountA.id }, user());
      expect(account.requests.map((r) => r.id)).toContain(request.id);
      expect(account.estimates.map((r) => r.id)).toContain(estimate.id);
      expect(account.workOrders.map((r) => r.id)).toContain(workOrder.id);
      const { crmContact } = await query(t.url, CrmContactRelatedListsDocument, { id: org.contactA1.id }, user());
      expect(crmContact.workOrders.map((r) => r.id)).toContain(workOrder.id);
      // ... and not under the Sales Order.
      const { salesOrder } = await query(t.url, SalesOrderRelatedListsDocument, { id: org.salesOrder.id }, user());
      expect(salesOrder.requests.map((r) => r.id)).not.toContain(request.id);
    });

    it("a record created from a Sales Order is at once in the Sales Order's and the Account's lists, Assets included", async () => {
      const asset = await created("Sales_Orders", org.salesOrder.id, "Assets", { name: "Boiler #2", serial: "SN-2" });
      const request = await created("Sales_Orders", org.salesOrder.id, "Requests");
      const { salesOrder } = await query(t.url, SalesOrderRelatedListsDocument, { id: org.salesOrder.id }, user());
      expect(salesOrder.assets.map((a) => a.id)).toContain(asset.id);
      expect(salesOrder.requests.map((r) => r.id)).toContain(request.id);
      const { account } = await query(t.url, AccountRelatedListsDocument, { id: org.accountA.id }, user());
      expect(account.assets.map((a) => a.id)).toContain(asset.id);
      expect(asset).toMatchObject({ name: "Boiler #2", serial: "SN-2", salesOrder: { id: org.salesOrder.id }, deal: null });
    });

    it("an Asset created from a Product is in the Product's Assets", async () => {
      const asset = await created("Products", org.productP.id, "Assets", { serial: "SN-77" });
      const { product } = await query(t.url, ProductRelatedAssetsDocument, { id: org.productP.id }, user());
      expect(product.assets.map((a) => a.id)).toContain(asset.id);
      expect(asset).toMatchObject({ name: "Boiler Inspection", serial: "SN-77", serviceAndPartId: org.service.id, parentLink: null });
    });
  });

  describe("Sales Order line items", () => {
    it("become Estimate and Work Order lines through the Products' Services and Parts, syncing an unsynced Product first", async () => {
      const goods = await t.services.crm.create("Products", { productName: "Valve Kit", productCode: "VK", unitPrice: 40, type: "Goods" }, { userId: "test" });
      const order = await t.services.crm.create(
        "Sales_Orders",
        { subject: "SO-LINES", accountId: org.accountA.id, contactId: org.contactA1.id, subTotal: 195, grandTotal: 205 },
        { userId: "test" },
      );
      await t.services.crm.createMany(
        "Sales_Order_Line_Items",
        [
          { salesOrderId: order.id, position: 5, productId: goods.id, quantity: 2, listPrice: 40, discount: 5, tax: 10, amount: 75 },
          { salesOrderId: order.id, position: 1, productId: org.productP.id, quantity: 1, listPrice: 120, amount: 120 },
        ],
        { userId: "test" },
      );

      const before = await prefill("Sales_Orders", order.id, "Estimates");
      expect(before.syncsFirst).toEqual([`Products/${goods.id}`]);
      expect(before.lineItems).toEqual([
        {
          position: 0,
          kind: "Service",
          productId: org.productP.id,
          serviceAndPartId: org.service.id,
          quantity: 1,
          listPrice: 120,
          discount: null,
          tax: null,
          amount: 120,
        },
        { position: 1, kind: null, productId: goods.id, serviceAndPartId: null, quantity: 2, listPrice: 40, discount: 5, tax: 10, amount: 75 },
      ]);
      const estimate = await created("Sales_Orders", order.id, "Estimates");
      const { product } = await query(t.url, ProductRelatedAssetsDocument, { id: goods.id }, user());
      expect(product.fsmServiceAndPart).toMatchObject({ name: "Valve Kit", type: "Part", unitPrice: 40 });
      // 120 + (2 × 40 − 5); the line tax 10 on top.
      expect(estimate).toMatchObject({ summary: "SO-LINES", subTotal: 195, grandTotal: 205, companyId: org.company.id });
      expect(estimate.lineItems).toEqual([
        { position: 0, kind: "Service", serviceAndPartId: org.service.id, quantity: 1, listPrice: 120, discount: null, tax: null, amount: 120 },
        { position: 1, kind: "Part", serviceAndPartId: product.fsmServiceAndPart!.id, quantity: 2, listPrice: 40, discount: 5, tax: 10, amount: 75 },
      ]);

      // With the Product synced, the prefill lists the same lines the Work Order gets.
      const after = await prefill("Sales_Orders", order.id, "Work_Orders");
      expect(after.syncsFirst).toEqual([]);
      expect(after.lineItems[1]).toMatchObject({ kind: "Part", serviceAndPartId: product.fsmServiceAndPart!.id });
      const workOrder = await created("Sales_Orders", order.id, "Work_Orders");
      expectCreatedFromPrefill(workOrder, after);
      expect(workOrder.lineItems).toHaveLength(2);
      // Requests and Assets carry no lines.
      expect((await prefill("Sales_Orders", order.id, "Requests")).lineItems).toEqual([]);
      expect((await prefill("Sales_Orders", order.id, "Assets")).lineItems).toEqual([]);
    });

    it("a line whose Product has no Unit Price fails the whole Estimate, naming the Product", async () => {
      const free = await t.services.crm.create("Products", { productName: "Free Gift", type: "Goods" }, { userId: "test" });
      const order = await t.services.crm.create("Sales_Orders", { subject: "SO-FREE", accountId: org.accountA.id }, { userId: "test" });
      await t.services.crm.create("Sales_Order_Line_Items", { salesOrderId: order.id, position: 1, productId: free.id, quantity: 1 }, { userId: "test" });
      const estimates = await countFsm("Estimates");
      const lines = await countFsm("Estimate_Line_Items");
      const { errors } = await create("Sales_Orders", order.id, "Estimates");
      expect(errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "serviceAndPartId" } });
      expect(errors![0].message).toContain("Free Gift");
      expect(errors![0].message).toMatch(/Unit Price/);
      expect(await countFsm("Estimates")).toBe(estimates);
      expect(await countFsm("Estimate_Line_Items")).toBe(lines);
      expect(await t.services.db.manager.countBy(ParentLink, { parentId: order.id })).toBe(0);
    });
  });

  describe("an Asset from a Product without Unit Price", () => {
    it("fails with a clear error and nothing half-written; works once the price is set", async () => {
      const product = await t.services.crm.create("Products", { productName: "Mystery Pump", productCode: "MP-1", type: "Goods" }, { userId: "test" });
      const counts = async () => ({
        assets: await countFsm("Assets"),
        parts: await countFsm("Services_And_Parts"),
        links: await t.services.db.manager.countBy(SyncLink, { crmId: product.id }),
        events: await t.services.db.manager.countBy(SyncEvent, { crmId: product.id }),
        keys: await t.services.db.manager.countBy(IdempotencyKey, {}),
        timeline: await t.services.db.manager.countBy(TimelineEntry, { fsmModule: "Assets" }),
      });
      const before = await counts();
      expect(await prefill("Products", product.id, "Assets")).toMatchObject({ serviceAndPartId: null, syncsFirst: [`Products/${product.id}`] });
      const { errors, record } = await create("Products", product.id, "Assets", null, "pump-asset-1");
      expect(record ?? null).toBeNull();
      expect(errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "serviceAndPartId" } });
      expect(errors![0].message).toContain("Mystery Pump");
      expect(errors![0].message).toMatch(/Unit Price/);
      expect(await counts()).toEqual(before);

      // The same key is free to use again: the failed attempt was not remembered.
      await t.services.crm.update("Products", product.id, { unitPrice: 300 }, { userId: "test" });
      const asset = (await create("Products", product.id, "Assets", null, "pump-asset-1")).record!;
      expect(asset).toMatchObject({ name: "Mystery Pump", assetNumber: "MP-1", crmProduct: { id: product.id } });
      const { product: read } = await query(t.url, ProductRelatedAssetsDocument, { id: product.id }, user());
      expect(read.fsmServiceAndPart).toMatchObject({ id: asset.serviceAndPartId, unitPrice: 300, type: "Part" });
      expect(read.assets.map((a) => a.id)).toEqual([asset.id]);
    });

    it("fails naming the Product when Products sync is off", async () => {
      await query(t.url, UpdateSyncSettingsDocument, { pair: "PRODUCTS_SERVICES_AND_PARTS", input: { enabled: false } }, t.admin.token);
      try {
        const product = await t.services.crm.create("Products", { productName: "Unsynced Heater", unitPrice: 10 }, { userId: "test" });
        const { errors } = await create("Products", product.id, "Assets");
        expect(errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "serviceAndPartId" } });
        expect(errors![0].message).toContain(product.id);
      } finally {
        await query(t.url, UpdateSyncSettingsDocument, { pair: "PRODUCTS_SERVICES_AND_PARTS", input: { enabled: true } }, t.admin.token);
      }
    });
  });

  describe("idempotent retries", () => {
    it("the same key returns the same record, and only one is created", async () => {
      const first = await created("Deals", org.deal.id, "Work_Orders", { summary: "Idempotent WO" }, "wo-key-1");
      const retry = await created("Deals", org.deal.id, "Work_Orders", { summary: "Idempotent WO" }, "wo-key-1");
      expect(retry.id).toBe(first.id);
      expect(await countFsm("Work_Orders", "Idempotent WO")).toBe(1);
      expect(await t.services.db.manager.countBy(ParentLink, { fsmId: first.id })).toBe(1);
      expect(retry.timeline.filter((e) => e.kind === "CREATED_FROM")).toHaveLength(1);
      // Without a key, a second call makes a second record.
      const other = await created("Deals", org.deal.id, "Work_Orders", { summary: "Idempotent WO" });
      expect(other.id).not.toBe(first.id);
    });

    it("concurrent requests with one key still make one record", async () => {
      const racers = await Promise.all(
        Array.from({ length: 6 }, () => create("Sales_Orders", org.salesOrder.id, "Requests", { summary: "Racing request" }, "race-key")),
      );
      expect(racers.flatMap((r) => r.errors ?? [])).toEqual([]);
      expect(new Set(racers.map((r) => r.record!.id)).size).toBe(1);
      expect(await countFsm("Requests", "Racing request")).toBe(1);
      expect(await t.services.db.manager.countBy(ParentLink, { fsmId: racers[0].record!.id })).toBe(1);
    });

    it("the same key for another source or another module is refused with CONFLICT", async () => {
      await created("Accounts", org.accountA.id, "Requests", null, "shared-key");
      const otherSource = await create("Contacts", org.contactA1.id, "Requests", null, "shared-key");
      expect(otherSource.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT", field: "idempotencyKey" } });
      const otherModule = await create("Accounts", org.accountA.id, "Estimates", null, "shared-key");
      expect(otherModule.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT", field: "idempotencyKey" } });
    });

    it("keys belong to their user, and an overlong key is refused", async () => {
      const mine = await created("Accounts", org.accountA.id, "Requests", null, "per-user");
      const theirs = (await create("Accounts", org.accountA.id, "Requests", null, "per-user", t.admin.token)).record!;
      expect(theirs.id).not.toBe(mine.id);
      const long = await create("Accounts", org.accountA.id, "Requests", null, "k".repeat(129));
      expect(long.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "idempotencyKey" } });
    });
  });
});
