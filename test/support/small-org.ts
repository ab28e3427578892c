import type { Services } from "../../src/services";

/**
 * A small organisation with every relation the schema offers, built through the real stores:
 * Account A (synced with Company CA) and Account B (not synced); Contact A1 ↔ FSM Contact FA1;
 * Product P ↔ Service SP, Product G (not synced); Deal D and Sales Order SO of A; FSM Request R (parent D),
 * Estimate E (from R, parent SO), Work Order W (from E, parent D) with two appointments and a line,
 * Asset AS (of SP, parent SO).
 */
export async function buildSmallOrg(services: Services, userId: string) {
  const { crm, fsm, links } = services;
  const actor = { userId };
  const accountA = await crm.create(
    "Accounts",
    {
      accountName: "Acme Facilities",
      industry: "Retail",
      phone: "+1 555 0100",
      billingAddress: { street: "1 Main St", city: "Austin", state: "TX", code: "73301", country: "US" },
    },
    actor,
  );
  const accountB = await crm.create("Accounts", { accountName: "Beta Hotels", industry: "Hospitality" }, actor);
  const contactA1 = await crm.create("Contacts", { lastName: "Okafor", firstName: "Ada", email: "ada@acme.example", accountId: accountA.id }, actor);
  const contactB1 = await crm.create("Contacts", { lastName: "Brooks", email: "ben@beta.example", accountId: accountB.id }, actor);
  const productP = await crm.create(
    "Products",
    { productName: "Boiler Inspection", productCode: "P-1", unitPrice: 120, type: "Service", productActive: true },
    actor,
  );
  const productG = await crm.create("Products", { productName: "Air Filter", productCode: "P-2", unitPrice: 15, type: "Goods", productActive: false }, actor);
  const deal = await crm.create(
    "Deals",
    { dealName: "Acme maintenance contract", stage: "Proposal", amount: 12000, closingDate: "2026-12-31", accountId: accountA.id, contactId: contactA1.id },
    actor,
  );
  const salesOrder = await crm.create(
    "Sales_Orders",
    { subject: "SO-ACME-1", status: "Approved", accountId: accountA.id, contactId: contactA1.id, dealId: deal.id, subTotal: 150, grandTotal: 150 },
    actor,
  );
  const [line1, line2] = await crm.createMany(
    "Sales_Order_Line_Items",
    [
      { salesOrderId: salesOrder.id, position: 2, productId: productG.id, quantity: 2, listPrice: 15, amount: 30 },
      { salesOrderId: salesOrder.id, position: 1, productId: productP.id, quantity: 1, listPrice: 120, amount: 120 },
    ],
    actor,
  );

  const company = await fsm.create("Companies", { companyName: "Acme Facilities", email: "ops@acme.example", serviceAddress: { city: "Austin" } }, actor);
  const fsmContact = await fsm.create("Contacts", { lastName: "Okafor", firstName: "Ada", email: "ada@acme.example", companyId: company.id }, actor);
  const service = await fsm.create("Services_And_Parts", { name: "Boiler Inspection", type: "Service", unitPrice: 120 }, actor);
  const asset = await fsm.create(
    "Assets",
    { name: "Boiler #1", assetNumber: "AS-1", serviceAndPartId: service.id, companyId: company.id, contactId: fsmContact.id, serial: "SN-1" },
    actor,
  );
  const request = await fsm.create(
    "Requests",
    { summary: "Boiler makes noise", priority: "High", status: "Estimate Created", companyId: company.id, contactId: fsmContact.id, assetId: asset.id },
    actor,
  );
  const estimate = await fsm.create(
    "Estimates",
    { summary: "Boiler repair estimate", status: "Accepted", companyId: company.id, contactId: fsmContact.id, requestId: request.id },
    actor,
  );
  await fsm.create(
    "Estimate_Line_Items",
    { estimateId: estimate.id, position: 1, kind: "Service", serviceAndPartId: service.id, quantity: 1, listPrice: 120, amount: 120 },
    actor,
  );
  const workOrder = await fsm.create(
    "Work_Orders",
    {
      summary: "Repair boiler",
      type: "Service",
      status: "Scheduled",
      priority: "High",
      companyId: company.id,
      contactId: fsmContact.id,
      requestId: request.id,
      estimateId: estimate.id,
      assetId: asset.id,
    },
    actor,
  );
  const woLine = await fsm.create(
    "Work_Order_Line_Items",
    { workOrderId: workOrder.id, position: 1, kind: "Service", serviceAndPartId: service.id, quantity: 1, listPrice: 120, amount: 120 },
    actor,
  );
  const appointment1 = await fsm.create(
    "Service_Appointments",
    {
      workOrderId: workOrder.id,
      summary: "First visit",
      status: "Scheduled",
      technician: "Jordan Lee",
      scheduledStart: new Date("2026-12-01T09:00:00Z"),
      scheduledEnd: new Date("2026-12-01T11:00:00Z"),
    },
    actor,
  );
  const appointment2 = await fsm.create(
    "Service_Appointments",
    {
      workOrderId: workOrder.id,
      summary: "Follow-up",
      status: "New",
      scheduledStart: new Date("2026-12-08T09:00:00Z"),
      scheduledEnd: new Date("2026-12-08T10:00:00Z"),
    },
    actor,
  );
  const otherCompany = await fsm.create("Companies", { companyName: "Gamma Clinics" }, actor);
  const otherRequest = await fsm.create("Requests", { summary: "Unrelated request", companyId: otherCompany.id }, actor);

  await links.createSyncLinks([
    { crmModule: "Accounts", crmId: accountA.id, fsmModule: "Companies", fsmId: company.id },
    { crmModule: "Contacts", crmId: contactA1.id, fsmModule: "Contacts", fsmId: fsmContact.id },
    { crmModule: "Products", crmId: productP.id, fsmModule: "Services_And_Parts", fsmId: service.id },
  ]);
  await links.createParentLinks([
    { fsmModule: "Requests", fsmId: request.id, parentModule: "Deals", parentId: deal.id },
    { fsmModule: "Estimates", fsmId: estimate.id, parentModule: "Sales_Orders", parentId: salesOrder.id },
    { fsmModule: "Work_Orders", fsmId: workOrder.id, parentModule: "Deals", parentId: deal.id },
    { fsmModule: "Assets", fsmId: asset.id, parentModule: "Sales_Orders", parentId: salesOrder.id },
  ]);
  return {
    accountA,
    accountB,
    contactA1,
    contactB1,
    productP,
    productG,
    deal,
    salesOrder,
    line1,
    line2,
    company,
    fsmContact,
    service,
    asset,
    request,
    estimate,
    workOrder,
    woLine,
    appointment1,
    appointment2,
    otherCompany,
    otherRequest,
  };
}

export type SmallOrg = Awaited<ReturnType<typeof buildSmallOrg>>;
