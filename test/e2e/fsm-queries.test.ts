import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import { buildSmallOrg, type SmallOrg } from "../support/small-org";
import {
  AssetDocument,
  AssetsDocument,
  CompaniesDocument,
  CompanyDocument,
  EstimateDocument,
  EstimatesDocument,
  FsmContactDocument,
  FsmContactsDocument,
  RequestDocument,
  RequestsDocument,
  ServiceAndPartDocument,
  ServiceAppointmentDocument,
  ServiceAppointmentsDocument,
  ServicesAndPartsDocument,
  WorkOrderDocument,
} from "../generated/graphql";

describe("FSM records and the way back to the CRM, over HTTP", () => {
  let t: TestGateway;
  let org: SmallOrg;

  beforeAll(async () => {
    t = await startTestGateway();
    org = await buildSmallOrg(t.services, t.admin.user.id);
  });
  afterAll(() => t.stop());

  it("reads a Company with its Contacts, its CRM Account and its related lists", async () => {
    const { company } = await query(t.url, CompanyDocument, { id: org.company.id }, t.standard.token);
    expect(company).toMatchObject({
      companyName: "Acme Facilities",
      fsmUrl: `https://fsm.example.com/app/Companies/${org.company.id}`,
      serviceAddress: { city: "Austin" },
      contacts: [{ id: org.fsmContact.id }],
      syncLink: { status: "ACTIVE", crmId: org.accountA.id },
      crmAccount: { id: org.accountA.id, crmUrl: `https://crm.example.com/crm/tab/Accounts/${org.accountA.id}` },
      requests: [{ id: org.request.id }],
      estimates: [{ id: org.estimate.id }],
      workOrders: [{ id: org.workOrder.id }],
      assets: [{ id: org.asset.id }],
    });
    expect(company.serviceAppointments).toHaveLength(2);
    const other = await query(t.url, CompanyDocument, { id: org.otherCompany.id }, t.standard.token);
    expect(other.company).toMatchObject({ syncLink: null, crmAccount: null, requests: [{ id: org.otherRequest.id }] });
  });

  it("searches Companies by name, case-insensitively", async () => {
    const { companies } = await query(t.url, CompaniesDocument, { filter: { search: "gAmMa" } }, t.standard.token);
    expect(companies.nodes.map((c) => c.id)).toEqual([org.otherCompany.id]);
    const wildcard = await query(t.url, CompaniesDocument, { filter: { search: "%" } }, t.standard.token);
    expect(wildcard.companies.totalCount).toBe(0);
  });

  it("reads an FSM Contact with its Company, CRM Contact and related lists", async () => {
    const { fsmContact } = await query(t.url, FsmContactDocument, { id: org.fsmContact.id }, t.standard.token);
    expect(fsmContact).toMatchObject({
      company: { id: org.company.id },
      crmContact: { id: org.contactA1.id, lastName: "Okafor" },
      syncLink: { status: "ACTIVE" },
      requests: [{ id: org.request.id }],
      workOrders: [{ id: org.workOrder.id }],
      assets: [{ id: org.asset.id }],
    });
    const { fsmContacts } = await query(t.url, FsmContactsDocument, { filter: { companyId: org.company.id } }, t.standard.token);
    expect(fsmContacts.nodes.map((c) => c.id)).toEqual([org.fsmContact.id]);
  });

  it("reads a Service with its CRM Product and Assets", async () => {
    const { serviceAndPart } = await query(t.url, ServiceAndPartDocument, { id: org.service.id }, t.standard.token);
    expect(serviceAndPart).toMatchObject({ type: "Service", unitPrice: 120, crmProduct: { id: org.productP.id }, assets: [{ id: org.asset.id }] });
    const { servicesAndParts } = await query(t.url, ServicesAndPartsDocument, { filter: { type: "Part" } }, t.standard.token);
    expect(servicesAndParts.totalCount).toBe(0);
  });

  it("reads a Request with its customer on both sides, its Deal, Asset, Estimates and Work Orders", async () => {
    const { request } = await query(t.url, RequestDocument, { id: org.request.id }, t.standard.token);
    expect(request).toMatchObject({
      priority: "High",
      company: { id: org.company.id },
      contact: { id: org.fsmContact.id },
      crmAccount: { id: org.accountA.id },
      crmContact: { id: org.contactA1.id },
      asset: { id: org.asset.id },
      parentLink: { parentModule: "Deals", parentId: org.deal.id },
      deal: { id: org.deal.id },
      salesOrder: null,
      estimates: [{ id: org.estimate.id }],
      workOrders: [{ id: org.workOrder.id }],
    });
    const { requests } = await query(t.url, RequestsDocument, { filter: { priority: "High", companyId: org.company.id } }, t.standard.token);
    expect(requests.nodes.map((r) => r.id)).toEqual([org.request.id]);
  });

  it("reads an Estimate with its Request, lines, Work Orders and Sales Order", async () => {
    const { estimate } = await query(t.url, EstimateDocument, { id: org.estimate.id }, t.standard.token);
    expect(estimate).toMatchObject({
      request: { id: org.request.id },
      lineItems: [{ kind: "Service", quantity: 1, serviceAndPart: { id: org.service.id } }],
      workOrders: [{ id: org.workOrder.id }],
      crmAccount: { id: org.accountA.id },
      deal: null,
      salesOrder: { id: org.salesOrder.id },
    });
    const { estimates } = await query(t.url, EstimatesDocument, { filter: { requestId: org.request.id, status: "Accepted" } }, t.standard.token);
    expect(estimates.nodes.map((e) => e.id)).toEqual([org.estimate.id]);
  });

  it("reads a Work Order with everything around it", async () => {
    const { workOrder } = await query(t.url, WorkOrderDocument, { id: org.workOrder.id }, t.standard.token);
    expect(workOrder).toMatchObject({
      company: { id: org.company.id },
      contact: { id: org.fsmContact.id },
      crmAccount: { id: org.accountA.id },
      crmContact: { id: org.contactA1.id },
      parentLink: { parentModule: "Deals", parentId: org.deal.id },
      deal: { id: org.deal.id },
      salesOrder: null,
      asset: { id: org.asset.id },
      request: { id: org.request.id },
      estimate: { id: org.estimate.id },
      lineItems: [{ id: org.woLine.id, amount: 120, serviceAndPart: { id: org.service.id } }],
    });
    expect(workOrder.serviceAppointments.map((a) => a.id).sort()).toEqual([org.appointment1.id, org.appointment2.id].sort());
  });

  it("reads a Service Appointment and its Work Order, and filters appointments", async () => {
    const { serviceAppointment } = await query(t.url, ServiceAppointmentDocument, { id: org.appointment1.id }, t.standard.token);
    expect(serviceAppointment).toMatchObject({
      technician: "Jordan Lee",
      scheduledStart: "2026-12-01T09:00:00.000Z",
      scheduledEnd: "2026-12-01T11:00:00.000Z",
      workOrder: { id: org.workOrder.id },
    });
    const { serviceAppointments } = await query(
      t.url,
      ServiceAppointmentsDocument,
      { filter: { workOrderId: org.workOrder.id, status: "New" } },
      t.standard.token,
    );
    expect(serviceAppointments.nodes.map((a) => a.id)).toEqual([org.appointment2.id]);
  });

  it("reads an Asset with its Service, CRM Product, customer and Sales Order", async () => {
    const { asset } = await query(t.url, AssetDocument, { id: org.asset.id }, t.standard.token);
    expect(asset).toMatchObject({
      serviceAndPart: { id: org.service.id },
      crmProduct: { id: org.productP.id, productName: "Boiler Inspection" },
      company: { id: org.company.id },
      crmAccount: { id: org.accountA.id },
      crmContact: { id: org.contactA1.id },
      salesOrder: { id: org.salesOrder.id },
      requests: [{ id: org.request.id }],
      workOrders: [{ id: org.workOrder.id }],
    });
    const { assets } = await query(t.url, AssetsDocument, { filter: { serviceAndPartId: org.service.id } }, t.standard.token);
    expect(assets.nodes.map((a) => a.id)).toEqual([org.asset.id]);
  });
});
