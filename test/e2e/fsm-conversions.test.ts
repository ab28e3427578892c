import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import { buildSmallOrg, type SmallOrg } from "../support/small-org";
import {
  AccountRelatedListsDocument,
  ConvertEstimateToWorkOrderDocument,
  ConvertRequestToEstimateDocument,
  ConvertRequestToWorkOrderDocument,
  ConvertedEstimateDocument,
  ConvertedRequestDocument,
  CreateDealFromFsmDocument,
  CreateRequestFromCrmDocument,
  CreateSalesOrderFromFsmDocument,
  CreateEstimateFromCrmDocument,
  DealRelatedListsDocument,
  SalesOrderRelatedListsDocument,
  SyncRecordNowDocument,
  SendEstimateDocument,
  AcceptEstimateDocument,
} from "../generated/graphql";
import { LinkStatus, SyncLink } from "../../src/links/sync-link.entity";

const UNKNOWN = "00000000-0000-0000-0000-000000000000";

describe("FSM conversions: Request → Estimate → Work Order, Request → Work Order", () => {
  let t: TestGateway;
  let org: SmallOrg;
  const user = () => t.standard.token;
  const actor = { userId: "test" };

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    org = await buildSmallOrg(t.services, t.admin.user.id);
  });
  afterAll(() => t.stop());

  const readRequest = async (id: string) => (await query(t.url, ConvertedRequestDocument, { id }, user())).request;
  const readEstimate = async (id: string) => (await query(t.url, ConvertedEstimateDocument, { id }, user())).estimate;
  const requestFromDeal = async (summary: string) =>
    (await query(t.url, CreateRequestFromCrmDocument, { sourceModule: "Deals", sourceId: org.deal.id, input: { summary, priority: "High" } }, user()))
      .createRequestFromCrm;
  const ids = (records: { id: string }[]) => records.map((r) => r.id);

  it("walks a Request from a Deal through an Estimate to a Work Order: parent carried, statuses moved, timelines told", async () => {
    const request = await requestFromDeal("Boiler replacement");
    expect(request.status).toBe("New");

    const { convertRequestToEstimate: estimate } = await query(
      t.url,
      ConvertRequestToEstimateDocument,
      { requestId: request.id, input: { expiryDate: "2027-02-01" } },
      user(),
    );
    expect(estimate).toMatchObject({
      summary: "Boiler replacement",
      status: "Draft",
      expiryDate: "2027-02-01",
      requestId: request.id,
      companyId: org.company.id,
      contactId: org.fsmContact.id,
      parentLink: { parentModule: "Deals", parentId: org.deal.id },
      deal: { id: org.deal.id },
    });
    expect(estimate.timeline).toEqual([expect.objectContaining({ kind: "CONVERTED_FROM", message: expect.stringContaining(request.id) })]);
    const afterEstimate = await readRequest(request.id);
    expect(afterEstimate.status).toBe("Estimate Created");
    expect(afterEstimate.timeline.map((e) => e.kind).sort()).toEqual(["CONVERTED_TO", "CREATED_FROM"]);
    expect(afterEstimate.timeline.find((e) => e.kind === "CONVERTED_TO")!.message).toContain(estimate.id);

    // Only an accepted Estimate converts.
    const draft = await execute(t.url, ConvertEstimateToWorkOrderDocument, { estimateId: estimate.id }, user());
    expect(draft.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "status", from: "Draft", to: "Converted" } });
    expect(draft.errors![0].message).toContain('from "Draft" to "Converted"');

    await t.services.fsm.update("Estimates", estimate.id, { status: "Accepted", subTotal: 890, grandTotal: 970 }, actor);
    await t.services.fsm.createMany(
      "Estimate_Line_Items",
      [
        { estimateId: estimate.id, position: 0, kind: "Service", serviceAndPartId: org.service.id, quantity: 1, listPrice: 120, amount: 120 },
        { estimateId: estimate.id, position: 1, kind: "Part", serviceAndPartId: null, quantity: 3, listPrice: 260, discount: 10, tax: 80, amount: 770 },
      ],
      actor,
    );
    const { convertEstimateToWorkOrder: workOrder } = await query(
      t.url,
      ConvertEstimateToWorkOrderDocument,
      { estimateId: estimate.id, input: { type: "Inspection" } },
      user(),
    );
    expect(workOrder).toMatchObject({
      summary: "Boiler replacement",
      type: "Inspection",
      status: "New",
      estimateId: estimate.id,
      requestId: request.id,
      companyId: org.company.id,
      contactId: org.fsmContact.id,
      // 120 + (3 × 260 − 10); tax 80 on top.
      subTotal: 890,
      grandTotal: 970,
      parentLink: { parentModule: "Deals", parentId: org.deal.id },
    });
    expect(workOrder.lineItems).toEqual([
      { position: 0, kind: "Service", serviceAndPartId: org.service.id, quantity: 1, listPrice: 120, discount: null, tax: null, amount: 120 },
      { position: 1, kind: "Part", serviceAndPartId: null, quantity: 3, listPrice: 260, discount: 10, tax: 80, amount: 770 },
    ]);
    expect(workOrder.timeline).toEqual([expect.objectContaining({ kind: "CONVERTED_FROM", message: expect.stringContaining(estimate.id) })]);
    expect(workOrder.timeline[0].message).toContain(org.deal.id);

    const estimateAfter = await readEstimate(estimate.id);
    expect(estimateAfter.status).toBe("Converted");
    expect(estimateAfter.timeline.map((e) => e.kind).sort()).toEqual(["CONVERTED_FROM", "CONVERTED_TO"]);
    expect((await readRequest(request.id)).status).toBe("Work In Progress");

    // All three are under the Deal, and in the Account's lists.
    const { deal } = await query(t.url, DealRelatedListsDocument, { id: org.deal.id }, user());
    expect(ids(deal.requests)).toContain(request.id);
    expect(ids(deal.estimates)).toContain(estimate.id);
    expect(ids(deal.workOrders)).toContain(workOrder.id);
    const { account } = await query(t.url, AccountRelatedListsDocument, { id: org.accountA.id }, user());
    expect(ids(account.workOrders)).toContain(workOrder.id);

    // A converted Estimate does not convert again.
    const twice = await execute(t.url, ConvertEstimateToWorkOrderDocument, { estimateId: estimate.id }, user());
    expect(twice.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", from: "Converted", to: "Converted" } });
  });

  it("converts a Request under a Sales Order straight to a Work Order, carrying parent, priority and asset", async () => {
    const { createRequestFromCrm: request } = await query(
      t.url,
      CreateRequestFromCrmDocument,
      {
        sourceModule: "Sales_Orders",
        sourceId: org.salesOrder.id,
        input: { summary: "Install boiler", priority: "Critical", assetId: org.asset.id },
      },
      user(),
    );
    const { convertRequestToWorkOrder: workOrder } = await query(
      t.url,
      ConvertRequestToWorkOrderDocument,
      { requestId: request.id, input: { dueDate: "2027-03-01" } },
      user(),
    );
    expect(workOrder).toMatchObject({
      summary: "Install boiler",
      priority: "Critical",
      assetId: org.asset.id,
      requestId: request.id,
      estimateId: null,
      dueDate: "2027-03-01",
      companyId: org.company.id,
      parentLink: { parentModule: "Sales_Orders", parentId: org.salesOrder.id },
      salesOrder: { id: org.salesOrder.id },
      deal: null,
    });
    expect(workOrder.timeline).toEqual([expect.objectContaining({ kind: "CONVERTED_FROM" })]);
    const after = await readRequest(request.id);
    expect(after.status).toBe("Work In Progress");
    expect(after.timeline.map((e) => e.kind)).toContain("CONVERTED_TO");
    const { salesOrder } = await query(t.url, SalesOrderRelatedListsDocument, { id: org.salesOrder.id }, user());
    expect(ids(salesOrder.workOrders)).toContain(workOrder.id);
  });

  it("a Request with an Estimate already may still go straight to a Work Order", async () => {
    const request = await requestFromDeal("Estimate first");
    await query(t.url, ConvertRequestToEstimateDocument, { requestId: request.id }, user());
    const { convertRequestToWorkOrder } = await query(t.url, ConvertRequestToWorkOrderDocument, { requestId: request.id }, user());
    expect(convertRequestToWorkOrder.parentLink).toMatchObject({ parentId: org.deal.id });
    expect((await readRequest(request.id)).status).toBe("Work In Progress");
  });

  it("a rejected estimate lets the Request be estimated again", async () => {
    const request = await t.services.fsm.create("Requests", { summary: "Try again", status: "Estimate Rejected", companyId: org.company.id }, actor);
    const { convertRequestToEstimate } = await query(
      t.url,
      ConvertRequestToEstimateDocument,
      { requestId: request.id, input: { summary: "Second try" } },
      user(),
    );
    expect(convertRequestToEstimate).toMatchObject({ summary: "Second try", parentLink: null, deal: null, salesOrder: null });
    expect(convertRequestToEstimate.timeline[0].message).not.toContain("stays under");
    expect((await readRequest(request.id)).status).toBe("Estimate Created");
  });

  it.each(["Completed", "Closed", "Cancelled", "Cannot Complete", "Work In Progress"])(
    "refuses to convert a Request that is %s, and changes nothing",
    async (status) => {
      const request = await t.services.fsm.create("Requests", { summary: `A ${status} request`, status }, actor);
      await t.services.links.createParentLinks([{ fsmModule: "Requests", fsmId: request.id, parentModule: "Deals", parentId: org.deal.id }]);
      const estimates = (await query(t.url, DealRelatedListsDocument, { id: org.deal.id }, user())).deal;
      const toWorkOrder = await execute(t.url, ConvertRequestToWorkOrderDocument, { requestId: request.id }, user());
      expect(toWorkOrder.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "status", from: status, to: "Work In Progress" } });
      expect(toWorkOrder.errors![0].message).toContain(status);
      const toEstimate = await execute(t.url, ConvertRequestToEstimateDocument, { requestId: request.id }, user());
      expect(toEstimate.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "status", from: status, to: "Estimate Created" } });
      const after = await readRequest(request.id);
      expect(after).toMatchObject({ status, version: request.version, timeline: [] });
      const lists = (await query(t.url, DealRelatedListsDocument, { id: org.deal.id }, user())).deal;
      expect(lists.estimates).toEqual(estimates.estimates);
      expect(lists.workOrders).toEqual(estimates.workOrders);
    },
  );

  it("refuses an Estimate that is Draft, Sent or Rejected", async () => {
    for (const status of ["Draft", "Sent", "Rejected"]) {
      const estimate = await t.services.fsm.create("Estimates", { summary: `A ${status} estimate`, status }, actor);
      const refused = await execute(t.url, ConvertEstimateToWorkOrderDocument, { estimateId: estimate.id }, user());
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "status", from: status, to: "Converted" } });
      expect((await readEstimate(estimate.id)).status).toBe(status);
    }
  });

  it("refuses unknown records with NOT_FOUND and input the FSM refuses with BAD_USER_INPUT, writing nothing", async () => {
    expect((await execute(t.url, ConvertRequestToEstimateDocument, { requestId: UNKNOWN }, user())).errors?.[0]).toMatchObject({
      extensions: { code: "NOT_FOUND" },
    });
    expect((await execute(t.url, ConvertRequestToWorkOrderDocument, { requestId: UNKNOWN }, user())).errors?.[0]).toMatchObject({
      extensions: { code: "NOT_FOUND" },
    });
    expect((await execute(t.url, ConvertEstimateToWorkOrderDocument, { estimateId: UNKNOWN }, user())).errors?.[0]).toMatchObject({
      extensions: { code: "NOT_FOUND" },
    });
    const request = await requestFromDeal("Bad priority");
    const bad = await execute(t.url, ConvertRequestToWorkOrderDocument, { requestId: request.id, input: { priority: "Whenever" } }, user());
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "priority" } });
    const after = await readRequest(request.id);
    expect(after.status).toBe("New");
    expect(after.timeline.map((e) => e.kind)).toEqual(["CREATED_FROM"]);
  });

  it("converts an Estimate created from a Sales Order with its lines, keeping the Sales Order as parent", async () => {
    await query(t.url, SyncRecordNowDocument, { system: "CRM", module: "Products", id: org.productG.id }, t.admin.token);
    const { createEstimateFromCrm: estimate } = await query(
      t.url,
      CreateEstimateFromCrmDocument,
      { sourceModule: "Sales_Orders", sourceId: org.salesOrder.id, input: {} },
      user(),
    );
    expect(estimate.lineItems).toHaveLength(2);
    // Created Draft: a status further on is refused, the lifecycle's steps are the way there.
    const skipped = await execute(
      t.url,
      CreateEstimateFromCrmDocument,
      { sourceModule: "Sales_Orders", sourceId: org.salesOrder.id, input: { status: "Accepted" } },
      user(),
    );
    expect(skipped.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "status" });
    const { sendEstimate: sent } = await query(t.url, SendEstimateDocument, { id: estimate.id, expectedVersion: estimate.version }, user());
    await query(t.url, AcceptEstimateDocument, { id: estimate.id, expectedVersion: sent.version }, user());
    const { convertEstimateToWorkOrder: workOrder } = await query(t.url, ConvertEstimateToWorkOrderDocument, { estimateId: estimate.id }, user());
    expect(workOrder).toMatchObject({ summary: "SO-ACME-1", requestId: null, subTotal: 150, grandTotal: 150, salesOrder: { id: org.salesOrder.id } });
    expect(workOrder.lineItems.map(({ kind, serviceAndPartId, quantity }) => ({ kind, serviceAndPartId, quantity }))).toEqual(
      estimate.lineItems.map(({ kind, serviceAndPartId, quantity }) => ({ kind, serviceAndPartId, quantity })),
    );
  });
});

describe("Deals and Sales Orders from FSM Companies and Contacts", () => {
  let t: TestGateway;
  let org: SmallOrg;
  const user = () => t.standard.token;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    org = await buildSmallOrg(t.services, t.admin.user.id);
  });
  afterAll(() => t.stop());

  it("creates a Deal for a synced Company and Contact, resolved to their Account and Contact", async () => {
    const { createDealFromFsm } = await query(
      t.url,
      CreateDealFromFsmDocument,
      {
        companyId: org.company.id,
        contactId: org.fsmContact.id,
        input: { dealName: "Boiler upgrade", stage: "Qualification", amount: 5000, closingDate: "2027-01-31" },
      },
      user(),
    );
    expect(createDealFromFsm).toMatchObject({
      dealName: "Boiler upgrade",
      stage: "Qualification",
      amount: 5000,
      closingDate: "2027-01-31",
      accountId: org.accountA.id,
      contactId: org.contactA1.id,
      account: { accountName: "Acme Facilities" },
      contact: { lastName: "Okafor" },
      createdBy: t.standard.user.id,
    });
    // It is a Deal like any other: FSM records can be created from it.
    const { createRequestFromCrm } = await query(t.url, CreateRequestFromCrmDocument, { sourceModule: "Deals", sourceId: createDealFromFsm.id }, user());
    expect(createRequestFromCrm).toMatchObject({
      summary: "Boiler upgrade",
      companyId: org.company.id,
      contactId: org.fsmContact.id,
      deal: { id: createDealFromFsm.id },
    });
  });

  it("creates a Sales Order for a synced Company, without a Contact, under a Deal", async () => {
    const { createSalesOrderFromFsm } = await query(
      t.url,
      CreateSalesOrderFromFsmDocument,
      {
        companyId: org.company.id,
        input: { subject: "SO-FROM-FSM", status: "Created", dueDate: "2027-02-15", dealId: org.deal.id },
      },
      user(),
    );
    expect(createSalesOrderFromFsm).toMatchObject({
      subject: "SO-FROM-FSM",
      status: "Created",
      dueDate: "2027-02-15",
      dealId: org.deal.id,
      accountId: org.accountA.id,
      contactId: null,
      contact: null,
    });
    const { account } = await query(t.url, AccountRelatedListsDocument, { id: org.accountA.id }, user());
    expect(account.fsmCompany!.id).toBe(org.company.id);
  });

  it("refuses an unsynced Company or Contact, naming the argument, and creates nothing", async () => {
    const dealsPage = await t.services.crm.list("Deals", {}, { first: 1, direction: "DESC" });
    const deals = () => dealsPage.countTotal();
    const before = await deals();
    const company = await execute(t.url, CreateDealFromFsmDocument, { companyId: org.otherCompany.id, input: { dealName: "Gamma deal" } }, user());
    expect(company.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "companyId" } });
    expect(company.errors![0].message).toContain(org.otherCompany.id);
    expect(company.errors![0].message).toMatch(/not synced/);

    const loneContact = await t.services.fsm.create(
      "Contacts",
      { lastName: "Solo", email: "solo@acme.example", companyId: org.company.id },
      { userId: "test" },
    );
    const contact = await execute(
      t.url,
      CreateSalesOrderFromFsmDocument,
      { companyId: org.company.id, contactId: loneContact.id, input: { subject: "Lonely order" } },
      user(),
    );
    expect(contact.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "contactId" } });
    expect(contact.errors![0].message).toContain(loneContact.id);
    expect(await deals()).toBe(before);
    expect((await t.services.crm.list("Sales_Orders", { equals: { subject: "Lonely order" } }, { first: 1, direction: "DESC" })).records).toEqual([]);
  });

  it("refuses a Company whose link is suspended, unknown ids with NOT_FOUND and a dangling dealId with BAD_USER_INPUT", async () => {
    const company = await t.services.fsm.create("Companies", { companyName: "Paused Co" }, { userId: "test" });
    const account = await t.services.crm.create("Accounts", { accountName: "Paused Co" }, { userId: "test" });
    const [link] = await t.services.links.createSyncLinks([{ crmModule: "Accounts", crmId: account.id, fsmModule: "Companies", fsmId: company.id }]);
    await t.services.db.manager.update(SyncLink, { id: link.id }, { status: LinkStatus.SUSPENDED });
    const suspended = await execute(t.url, CreateDealFromFsmDocument, { companyId: company.id, input: { dealName: "Paused deal" } }, user());
    expect(suspended.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "companyId" } });
    const unknown = await execute(t.url, CreateDealFromFsmDocument, { companyId: UNKNOWN, input: { dealName: "Nobody's deal" } }, user());
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    const unknownContact = await execute(
      t.url,
      CreateSalesOrderFromFsmDocument,
      { companyId: org.company.id, contactId: UNKNOWN, input: { subject: "x" } },
      user(),
    );
    expect(unknownContact.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    const unknownDeal = await execute(
      t.url,
      CreateSalesOrderFromFsmDocument,
      { companyId: org.company.id, input: { subject: "Dangling", dealId: UNKNOWN } },
      user(),
    );
    // A reference to nothing is the input's fault, as for every create (input-bounds.test.ts).
    expect(unknownDeal.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "dealId" } });
    expect(unknownDeal.errors![0].message).toContain(UNKNOWN);
    const otherDeal = await t.services.crm.create("Deals", { dealName: "Beta deal", accountId: org.accountB.id }, { userId: "test" });
    const mismatched = await execute(
      t.url,
      CreateSalesOrderFromFsmDocument,
      { companyId: org.company.id, input: { subject: "Crossed", dealId: otherDeal.id } },
      user(),
    );
    expect(mismatched.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "dealId" } });
  });

  it("refuses a Contact of another Company", async () => {
    const company = await t.services.fsm.create("Companies", { companyName: "Elsewhere Ltd" }, { userId: "test" });
    const account = await t.services.crm.create("Accounts", { accountName: "Elsewhere Ltd" }, { userId: "test" });
    await t.services.links.createSyncLinks([{ crmModule: "Accounts", crmId: account.id, fsmModule: "Companies", fsmId: company.id }]);
    const refused = await execute(
      t.url,
      CreateDealFromFsmDocument,
      { companyId: company.id, contactId: org.fsmContact.id, input: { dealName: "Mixed up" } },
      user(),
    );
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "contactId" } });
  });

  it("checks the Deal's own values like the CRM does", async () => {
    const refused = await execute(
      t.url,
      CreateDealFromFsmDocument,
      { companyId: org.company.id, input: { dealName: "Odd stage", stage: "Daydreaming" } },
      user(),
    );
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "stage" } });
  });
});
