import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import {
  AcceptEstimateDocument,
  ChangeFeedCreateAccountDocument,
  ConvertRequestToEstimateDocument,
  CreateRequestFromCrmDocument,
  DealRelatedListsDocument,
  ReplaceEstimateLineItemsDocument,
  ScheduleServiceAppointmentDocument,
  SendEstimateDocument,
  UpdateServiceAppointmentDocument,
  WorkflowConvertEstimateDocument,
  WorkflowEstimateDocument,
  WorkflowRequestDocument,
  WorkflowWorkOrderDocument,
} from "../generated/graphql";

/**
 * Issue #18's path, over HTTP as a service company walks it: an Account's Deal gets a Request, the Request
 * becomes an Estimate with line items, the Estimate is sent and accepted and becomes a Work Order still under
 * the Deal, two appointments are scheduled, dispatched, started and completed, and the Work Order completes.
 */
describe("the service workflow end to end: Deal → Request → Estimate → Work Order → appointments → completed", () => {
  let t: TestGateway;
  const user = () => t.standard.token;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t.stop());

  it("moves every record forward, with totals, statuses, timelines and the Deal's related lists right at each step", async () => {
    const { createAccount } = await query(t.url, ChangeFeedCreateAccountDocument, { input: { accountName: "Northwind Plant" } }, t.admin.token);
    const account = createAccount.record;
    if (!account) throw new Error("no account");
    // createDeal is the CRM side's own mutation (another part of the issue); the Deal is seeded as the CRM holds it.
    const deal = await t.services.crm.create(
      "Deals",
      { dealName: "Northwind boiler room", stage: "Qualification", amount: 5000, closingDate: "2027-03-31", accountId: account.id },
      { userId: t.admin.user.id },
    );
    const related = async () => {
      const { deal: lists } = await query(t.url, DealRelatedListsDocument, { id: deal.id }, user());
      if (!lists) throw new Error("no deal");
      return { requests: lists.requests.map((r) => r.id), estimates: lists.estimates.map((r) => r.id), workOrders: lists.workOrders.map((r) => r.id) };
    };

    // The Request, from the Deal.
    const { createRequestFromCrm: request } = await query(
      t.url,
      CreateRequestFromCrmDocument,
      { sourceModule: "Deals", sourceId: deal.id, input: { summary: "Replace boiler", priority: "High" } },
      user(),
    );
    expect(request.status).toBe("New");
    expect(await related()).toEqual({ requests: [request.id], estimates: [], workOrders: [] });

    // The Estimate, priced line by line.
    const { convertRequestToEstimate: draft } = await query(t.url, ConvertRequestToEstimateDocument, { requestId: request.id }, user());
    const priced = (
      await query(
        t.url,
        ReplaceEstimateLineItemsDocument,
        {
          id: draft.id,
          expectedVersion: 1,
          lineItems: [
            { kind: "Service", quantity: 3, listPrice: 120.5, discount: 20, tax: 30.15 },
            { kind: "Part", quantity: 2, listPrice: 999.99, discount: 0.01, tax: 160 },
            { kind: "Part", quantity: 0.5, listPrice: 33.33 },
          ],
        },
        user(),
      )
    ).replaceEstimateLineItems;
    // 361.50 − 20 = 341.50; 1999.98 − 0.01 = 1999.97; 16.665 → 16.67. Sub total 2358.14, tax 190.15.
    expect(priced.lineItems.map((l) => l.amount)).toEqual([341.5, 1999.97, 16.67]);
    expect(priced).toMatchObject({ status: "Draft", subTotal: 2358.14, grandTotal: 2548.29, deal: { id: deal.id } });
    // Every write raises the version (the vendor's subform writes may raise it more than once).
    expect(priced.version).toBeGreaterThan(1);
    expect(priced.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(["CONVERTED_FROM", "LINE_ITEMS_CHANGED"]));
    expect(await related()).toEqual({ requests: [request.id], estimates: [draft.id], workOrders: [] });

    // Sent, then accepted.
    const sent = (await query(t.url, SendEstimateDocument, { id: draft.id, expectedVersion: priced.version }, user())).sendEstimate;
    expect(sent).toMatchObject({ status: "Sent", version: priced.version + 1 });
    const accepted = (await query(t.url, AcceptEstimateDocument, { id: draft.id, expectedVersion: sent.version }, user())).acceptEstimate;
    expect(accepted).toMatchObject({ status: "Accepted", version: sent.version + 1, subTotal: 2358.14, grandTotal: 2548.29 });
    expect(accepted.timeline.filter((e) => e.kind === "UPDATED").map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('status "Draft" → "Sent"'), expect.stringContaining('status "Sent" → "Accepted"')]),
    );
    expect((await query(t.url, WorkflowRequestDocument, { id: request.id }, user())).request?.status).toBe("Estimate Created");

    // The Work Order, still under the Deal, with the Estimate's lines and totals.
    const { convertEstimateToWorkOrder: order } = await query(t.url, WorkflowConvertEstimateDocument, { estimateId: draft.id }, user());
    expect(order).toMatchObject({ status: "New", estimateId: draft.id, requestId: request.id, subTotal: 2358.14, grandTotal: 2548.29, deal: { id: deal.id } });
    expect(order.lineItems.map((l) => l.amount)).toEqual([341.5, 1999.97, 16.67]);
    expect((await query(t.url, WorkflowEstimateDocument, { id: draft.id }, user())).estimate?.status).toBe("Converted");
    expect((await query(t.url, WorkflowRequestDocument, { id: request.id }, user())).request?.status).toBe("Work In Progress");
    expect(await related()).toEqual({ requests: [request.id], estimates: [draft.id], workOrders: [order.id] });

    // Two visits: the Work Order is Scheduled as soon as it has one.
    const schedule = (day: string) =>
      query(
        t.url,
        ScheduleServiceAppointmentDocument,
        { input: { workOrderId: order.id, scheduledStart: `2027-04-0${day}T08:00:00.000Z`, scheduledEnd: `2027-04-0${day}T12:00:00.000Z`, technician: "Kim" } },
        user(),
      );
    const first = (await schedule("1")).scheduleServiceAppointment;
    expect(first).toMatchObject({ status: "Scheduled", version: 1, actualStart: null, actualEnd: null });
    const workOrderNow = async () => {
      const found = (await query(t.url, WorkflowWorkOrderDocument, { id: order.id }, user())).workOrder;
      if (!found) throw new Error("no work order");
      return found;
    };
    expect((await workOrderNow()).status).toBe("Scheduled");
    const second = (await schedule("2")).scheduleServiceAppointment;

    // Each visit: dispatched, started (actual start recorded), completed (actual end recorded).
    const move = async (id: string, expectedVersion: number, status: string) =>
      (await query(t.url, UpdateServiceAppointmentDocument, { id, input: { expectedVersion, status } }, user())).updateServiceAppointment;
    const visit = async (id: string) => {
      const dispatched = await move(id, 1, "Dispatched");
      const started = await move(id, dispatched.version, "In Progress");
      expect(started.actualStart).not.toBeNull();
      expect(started.actualEnd).toBeNull();
      const completed = await move(id, started.version, "Completed");
      expect(completed).toMatchObject({ status: "Completed", version: 4, actualStart: started.actualStart });
      expect(new Date(String(completed.actualEnd)).getTime()).toBeGreaterThanOrEqual(new Date(String(started.actualStart)).getTime());
      return completed;
    };
    await visit(first.id);
    // One visit done, one to come: the work is in progress.
    expect((await workOrderNow()).status).toBe("In Progress");
    await visit(second.id);

    const done = await workOrderNow();
    expect(done).toMatchObject({ status: "Completed", subTotal: 2358.14, grandTotal: 2548.29, deal: { id: deal.id } });
    expect(done.serviceAppointments.map((a) => a.status)).toEqual(["Completed", "Completed"]);
    const statusMoves = done.timeline.filter((e) => e.kind === "STATUS_CHANGED").map((e) => e.message);
    expect(statusMoves).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"New" → "Scheduled"'),
        expect.stringContaining('"Scheduled" → "In Progress"'),
        expect.stringContaining('"In Progress" → "Completed"'),
      ]),
    );
    expect(done.timeline.filter((e) => e.kind === "APPOINTMENT_SCHEDULED")).toHaveLength(2);
    expect(await related()).toEqual({ requests: [request.id], estimates: [draft.id], workOrders: [order.id] });
  });
});
