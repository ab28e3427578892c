import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import { buildSmallOrg, type SmallOrg } from "../support/small-org";
import {
  AccountDocument,
  CrmContactDocument,
  DealDocument,
  DealsDocument,
  ProductDocument,
  ProductsDocument,
  SalesOrderDocument,
  SalesOrdersDocument,
  CrmContactsDocument,
} from "../generated/graphql";

const ids = (records: { id: string }[]) => records.map((r) => r.id).sort();

describe("CRM records and their FSM related lists, over HTTP", () => {
  let t: TestGateway;
  let org: SmallOrg;

  beforeAll(async () => {
    t = await startTestGateway();
    org = await buildSmallOrg(t.services, t.admin.user.id);
  });
  afterAll(() => t.stop());

  it("reads an Account with its CRM relations, its counterpart and its FSM related lists", async () => {
    const { account } = await query(t.url, AccountDocument, { id: org.accountA.id }, t.standard.token);
    expect(account).toMatchObject({
      accountName: "Acme Facilities",
      industry: "Retail",
      version: 1,
      customFields: {},
      billingAddress: { street: "1 Main St", city: "Austin", country: "US" },
      shippingAddress: { street: null, city: null },
      crmUrl: `https://crm.example.com/crm/tab/Accounts/${org.accountA.id}`,
      contacts: [{ id: org.contactA1.id, lastName: "Okafor" }],
      deals: [{ id: org.deal.id }],
      salesOrders: [{ id: org.salesOrder.id }],
      syncLink: { status: "ACTIVE", crmModule: "Accounts", crmId: org.accountA.id, fsmModule: "Companies", fsmId: org.company.id },
      fsmCompany: { id: org.company.id, fsmUrl: `https://fsm.example.com/app/Companies/${org.company.id}` },
      requests: [{ id: org.request.id }],
      estimates: [{ id: org.estimate.id }],
      workOrders: [{ id: org.workOrder.id }],
      assets: [{ id: org.asset.id }],
    });
    expect(ids(account.serviceAppointments)).toEqual(ids([org.appointment1, org.appointment2]));
    expect(new Date(account.createdTime).getTime()).toBe(org.accountA.createdTime.getTime());
  });

  it("gives an unsynced Account empty FSM lists and no counterpart", async () => {
    const { account } = await query(t.url, AccountDocument, { id: org.accountB.id }, t.standard.token);
    expect(account).toMatchObject({ syncLink: null, fsmCompany: null, requests: [], estimates: [], workOrders: [], serviceAppointments: [], assets: [] });
  });

  it("reads a Contact with its Account, Deals, Sales Orders and FSM records", async () => {
    const { crmContact } = await query(t.url, CrmContactDocument, { id: org.contactA1.id }, t.standard.token);
    expect(crmContact).toMatchObject({
      account: { id: org.accountA.id },
      deals: [{ id: org.deal.id }],
      salesOrders: [{ id: org.salesOrder.id }],
      syncLink: { status: "ACTIVE" },
      fsmContact: { id: org.fsmContact.id, company: { id: org.company.id } },
      requests: [{ id: org.request.id }],
      estimates: [{ id: org.estimate.id }],
      workOrders: [{ id: org.workOrder.id }],
      assets: [{ id: org.asset.id }],
    });
    expect(crmContact.serviceAppointments).toHaveLength(2);
  });

  it("lists Contacts of one Account", async () => {
    const { crmContacts } = await query(t.url, CrmContactsDocument, { filter: { accountId: org.accountB.id } }, t.standard.token);
    expect(crmContacts.nodes.map((c) => c.id)).toEqual([org.contactB1.id]);
    expect(crmContacts.totalCount).toBe(1);
  });

  it("reads a Product with its Service counterpart and its Assets", async () => {
    const { product } = await query(t.url, ProductDocument, { id: org.productP.id }, t.standard.token);
    expect(product).toMatchObject({
      unitPrice: 120,
      type: "Service",
      fsmServiceAndPart: { id: org.service.id, type: "Service", unitPrice: 120 },
      assets: [{ id: org.asset.id }],
    });
    const unsynced = await query(t.url, ProductDocument, { id: org.productG.id }, t.standard.token);
    expect(unsynced.product).toMatchObject({ syncLink: null, fsmServiceAndPart: null, assets: [] });
  });

  it("filters Products by type and active flag", async () => {
    const goods = await query(t.url, ProductsDocument, { filter: { type: "Goods" } }, t.standard.token);
    expect(goods.products.nodes.map((p) => p.id)).toEqual([org.productG.id]);
    const active = await query(t.url, ProductsDocument, { filter: { productActive: true } }, t.standard.token);
    expect(active.products.nodes.map((p) => p.id)).toEqual([org.productP.id]);
  });

  it("reads a Deal with its Account, Contact, Sales Orders and its FSM Requests and Work Orders", async () => {
    const { deal } = await query(t.url, DealDocument, { id: org.deal.id }, t.standard.token);
    expect(deal).toMatchObject({
      amount: 12000,
      closingDate: "2026-12-31",
      account: { id: org.accountA.id },
      contact: { id: org.contactA1.id },
      salesOrders: [{ id: org.salesOrder.id }],
      requests: [{ id: org.request.id }],
      estimates: [],
      workOrders: [{ id: org.workOrder.id }],
    });
  });

  it("filters Deals by stage and account", async () => {
    const { deals } = await query(t.url, DealsDocument, { filter: { stage: "Proposal", accountId: org.accountA.id } }, t.standard.token);
    expect(deals.nodes.map((d) => d.id)).toEqual([org.deal.id]);
    const none = await query(t.url, DealsDocument, { filter: { stage: "Closed Lost" } }, t.standard.token);
    expect(none.deals.totalCount).toBe(0);
  });

  it("reads a Sales Order with ordered line items, its Assets and its FSM records", async () => {
    const { salesOrder } = await query(t.url, SalesOrderDocument, { id: org.salesOrder.id }, t.standard.token);
    expect(salesOrder).toMatchObject({
      account: { id: org.accountA.id },
      contact: { id: org.contactA1.id },
      deal: { id: org.deal.id },
      lineItems: [
        { id: org.line2.id, position: 1, product: { id: org.productP.id } },
        { id: org.line1.id, position: 2, quantity: 2, amount: 30, product: { id: org.productG.id } },
      ],
      assets: [{ id: org.asset.id }],
      requests: [],
      estimates: [{ id: org.estimate.id }],
      workOrders: [],
    });
    const { salesOrders } = await query(t.url, SalesOrdersDocument, { filter: { dealId: org.deal.id, status: "Approved" } }, t.standard.token);
    expect(salesOrders.nodes.map((o) => o.id)).toEqual([org.salesOrder.id]);
  });
});
