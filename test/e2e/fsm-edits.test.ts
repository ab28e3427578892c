import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, postGraphQL, query } from "../support/graphql-client";
import { buildSmallOrg, type SmallOrg } from "../support/small-org";
import { ManualClock } from "../../src/common/clock";
import {
  AcceptEstimateDocument,
  DeleteAssetDocument,
  DeleteEstimateDocument,
  DeleteRequestDocument,
  DeleteServiceAppointmentDocument,
  DeleteWorkOrderDocument,
  DealRelatedListsDocument,
  RejectEstimateDocument,
  ReplaceEstimateLineItemsDocument,
  ReplaceWorkOrderLineItemsDocument,
  ScheduleServiceAppointmentDocument,
  SendEstimateDocument,
  UpdateAssetDocument,
  UpdateEstimateDocument,
  UpdateRequestDocument,
  UpdateServiceAppointmentDocument,
  UpdateWorkOrderDocument,
  WorkflowEstimateDocument,
  WorkflowRequestDocument,
  WorkflowWorkOrderDocument,
} from "../generated/graphql";

const UNKNOWN = "00000000-0000-4000-8000-00000000dead";
const at = (day: number, hour: number) => new Date(Date.UTC(2027, 3, day, hour)).toISOString();

/** Edits of FSM work records through their lifecycles, and every refusal: each refused call writes nothing. */
describe("FSM edits: versions, lifecycles, appointments, line items, deletes", () => {
  let t: TestGateway;
  let org: SmallOrg;
  const clock = new ManualClock("2027-03-01T09:00:00Z");
  const user = () => t.standard.token;
  const actor = { userId: "test" };

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false }, { clock });
    org = await buildSmallOrg(t.services, t.admin.user.id);
  });
  afterAll(() => t.stop());

  const readRequest = async (id: string) => {
    const found = (await query(t.url, WorkflowRequestDocument, { id }, user())).request;
    if (!found) throw new Error(`no request ${id}`);
    return found;
  };
  const readEstimate = async (id: string) => {
    const found = (await query(t.url, WorkflowEstimateDocument, { id }, user())).estimate;
    if (!found) throw new Error(`no estimate ${id}`);
    return found;
  };
  const readWorkOrder = async (id: string) => {
    const found = (await query(t.url, WorkflowWorkOrderDocument, { id }, user())).workOrder;
    if (!found) throw new Error(`no work order ${id}`);
    return found;
  };
  const newWorkOrder = (summary: string) => t.services.fsm.create("Work_Orders", { summary, companyId: org.company.id }, actor);

  it("updates only the fields sent, raises the version and tells the timeline who changed what", async () => {
    const request = await t.services.fsm.create("Requests", { summary: "Leaking tap", priority: "Low", dueDate: "2027-03-10" }, actor);
    const { updateRequest } = await query(t.url, UpdateRequestDocument, { id: request.id, input: { expectedVersion: 1, priority: "High" } }, user());
    expect(updateRequest).toMatchObject({ summary: "Leaking tap", priority: "High", dueDate: "2027-03-10", status: "New", version: 2 });
    expect(updateRequest.timeline).toEqual([{ kind: "UPDATED", message: `Updated by ${t.standard.user.id}: priority` }]);

    const cancelled = (await query(t.url, UpdateRequestDocument, { id: request.id, input: { expectedVersion: 2, status: "Cancelled" } }, user())).updateRequest;
    expect(cancelled.timeline[0].message).toContain('status "New" → "Cancelled"');

    const { updateAsset } = await query(
      t.url,
      UpdateAssetDocument,
      { id: org.asset.id, input: { expectedVersion: org.asset.version, serial: "SN-2" } },
      user(),
    );
    expect(updateAsset).toMatchObject({ name: "Boiler #1", serial: "SN-2", version: org.asset.version + 1 });
  });

  it("refuses a stale version with CONFLICT naming the current one, and writes nothing", async () => {
    const request = await t.services.fsm.create("Requests", { summary: "Draughty window" }, actor);
    await t.services.fsm.update("Requests", request.id, { priority: "Medium" }, actor);
    const stale = await execute(t.url, UpdateRequestDocument, { id: request.id, input: { expectedVersion: 1, summary: "Changed" } }, user());
    expect(stale.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT", field: "expectedVersion", currentVersion: 2, expectedVersion: 1 } });
    expect(stale.errors?.[0].message).toContain("version 2");
    expect(await readRequest(request.id)).toMatchObject({ summary: "Draughty window", version: 2, timeline: [] });

    const staleDelete = await execute(t.url, DeleteRequestDocument, { id: request.id, expectedVersion: 1 }, user());
    expect(staleDelete.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT", currentVersion: 2 } });
    const unknown = await execute(t.url, UpdateWorkOrderDocument, { id: UNKNOWN, input: { expectedVersion: 1, summary: "x" } }, user());
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
  });

  it("refuses a status change its lifecycle does not allow, naming from and to", async () => {
    const request = await t.services.fsm.create("Requests", { summary: "Noisy fan" }, actor);
    const illegal = await execute(t.url, UpdateRequestDocument, { id: request.id, input: { expectedVersion: 1, status: "Completed" } }, user());
    expect(illegal.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "status", from: "New", to: "Completed" } });
    expect(illegal.errors?.[0].message).toBe(
      'Request status cannot change from "New" to "Completed"; allowed: "Estimate Created", "Work In Progress", "Cancelled"',
    );
    const order = await newWorkOrder("Unknown status");
    const unknown = await execute(t.url, UpdateWorkOrderDocument, { id: order.id, input: { expectedVersion: order.version, status: "Done" } }, user());
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "status" } });
    expect(await readRequest(request.id)).toMatchObject({ status: "New", version: 1 });
  });

  it("answers an Estimate: send, accept and reject only from the statuses that allow it; rejecting moves its Request", async () => {
    const request = await t.services.fsm.create("Requests", { summary: "Boiler", status: "Estimate Created" }, actor);
    const estimate = await t.services.fsm.create("Estimates", { summary: "Boiler estimate", requestId: request.id, expiryDate: "2027-03-31" }, actor);
    const early = await execute(t.url, AcceptEstimateDocument, { id: estimate.id, expectedVersion: 1 }, user());
    expect(early.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", from: "Draft", to: "Accepted" } });

    const sent = (await query(t.url, SendEstimateDocument, { id: estimate.id, expectedVersion: 1 }, user())).sendEstimate;
    const again = await execute(t.url, SendEstimateDocument, { id: estimate.id, expectedVersion: sent.version }, user());
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", from: "Sent", to: "Sent" } });
    // Its lines are fixed once sent.
    const lines = await execute(t.url, ReplaceEstimateLineItemsDocument, { id: estimate.id, expectedVersion: sent.version, lineItems: [] }, user());
    expect(lines.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "lineItems", status: "Sent" } });

    const rejected = (await query(t.url, RejectEstimateDocument, { id: estimate.id, expectedVersion: sent.version }, user())).rejectEstimate;
    expect(rejected.status).toBe("Rejected");
    const after = await readRequest(request.id);
    expect(after.status).toBe("Estimate Rejected");
    expect(after.timeline).toEqual([
      { kind: "STATUS_CHANGED", message: `Status "Estimate Created" → "Estimate Rejected": Estimate ${estimate.id} was rejected` },
    ]);
    const late = await execute(t.url, AcceptEstimateDocument, { id: estimate.id, expectedVersion: rejected.version }, user());
    expect(late.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", from: "Rejected", to: "Accepted" } });
  });

  it("refuses to accept an Estimate past its expiry date, and keeps a Request with another open estimate as it is", async () => {
    const request = await t.services.fsm.create("Requests", { summary: "Two offers", status: "Estimate Created" }, actor);
    const lapsed = await t.services.fsm.create("Estimates", { summary: "Old offer", status: "Sent", requestId: request.id, expiryDate: "2027-02-28" }, actor);
    await t.services.fsm.create("Estimates", { summary: "New offer", status: "Draft", requestId: request.id }, actor);
    const refused = await execute(t.url, AcceptEstimateDocument, { id: lapsed.id, expectedVersion: 1 }, user());
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "status", expiryDate: "2027-02-28" } });
    expect((await readEstimate(lapsed.id)).status).toBe("Sent");
    await query(t.url, RejectEstimateDocument, { id: lapsed.id, expectedVersion: 1 }, user());
    expect((await readRequest(request.id)).status).toBe("Estimate Created");
    // An Estimate's status moves only by those actions: its update input has no status.
    const viaUpdate = await postGraphQL(
      t.url,
      { query: 'mutation($id: ID!) { updateEstimate(id: $id, input: { expectedVersion: 2, status: "Draft" }) { id } }', variables: { id: lapsed.id } },
      user(),
    );
    expect(viaUpdate.errors?.[0].message).toContain('"status" is not defined by type "EstimateUpdateInput"');
    const summary = (await query(t.url, UpdateEstimateDocument, { id: lapsed.id, input: { expectedVersion: 2, summary: "Old offer, lapsed" } }, user()))
      .updateEstimate;
    expect(summary).toMatchObject({ summary: "Old offer, lapsed", status: "Rejected", version: 3 });
  });

  it("schedules appointments only with an end after the start and for a Work Order that takes them", async () => {
    const order = await newWorkOrder("Check pumps");
    const backwards = await execute(
      t.url,
      ScheduleServiceAppointmentDocument,
      { input: { workOrderId: order.id, scheduledStart: at(5, 12), scheduledEnd: at(5, 8) } },
      user(),
    );
    expect(backwards.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "scheduledEnd" } });
    const closed = await t.services.fsm.create("Work_Orders", { summary: "Old job", status: "Closed" }, actor);
    const toClosed = await execute(
      t.url,
      ScheduleServiceAppointmentDocument,
      { input: { workOrderId: closed.id, scheduledStart: at(5, 8), scheduledEnd: at(5, 9) } },
      user(),
    );
    expect(toClosed.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "workOrderId", status: "Closed" } });
    const nowhere = await execute(
      t.url,
      ScheduleServiceAppointmentDocument,
      { input: { workOrderId: UNKNOWN, scheduledStart: at(5, 8), scheduledEnd: at(5, 9) } },
      user(),
    );
    expect(nowhere.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "workOrderId" } });
    expect(await readWorkOrder(order.id)).toMatchObject({ status: "New", serviceAppointments: [] });
  });

  it("moves an appointment only along its lifecycle, recording actual times; cancelling the last one sends the Work Order back to New", async () => {
    const order = await newWorkOrder("Service lift");
    const { scheduleServiceAppointment: visit } = await query(
      t.url,
      ScheduleServiceAppointmentDocument,
      { input: { workOrderId: order.id, scheduledStart: at(6, 8), scheduledEnd: at(6, 10) } },
      user(),
    );
    expect((await readWorkOrder(order.id)).status).toBe("Scheduled");
    const skip = await execute(t.url, UpdateServiceAppointmentDocument, { id: visit.id, input: { expectedVersion: 1, status: "In Progress" } }, user());
    expect(skip.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", from: "Scheduled", to: "In Progress" } });
    const shorter = await execute(t.url, UpdateServiceAppointmentDocument, { id: visit.id, input: { expectedVersion: 1, scheduledEnd: at(6, 7) } }, user());
    expect(shorter.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "scheduledEnd" } });

    const moved = (
      await query(t.url, UpdateServiceAppointmentDocument, { id: visit.id, input: { expectedVersion: 1, scheduledEnd: at(6, 11), technician: "Lee" } }, user())
    ).updateServiceAppointment;
    expect(moved).toMatchObject({ scheduledEnd: at(6, 11), technician: "Lee", status: "Scheduled", version: 2 });
    const cancelled = (await query(t.url, UpdateServiceAppointmentDocument, { id: visit.id, input: { expectedVersion: 2, status: "Cancelled" } }, user()))
      .updateServiceAppointment;
    expect(cancelled).toMatchObject({ status: "Cancelled", actualStart: null, actualEnd: null });
    const after = await readWorkOrder(order.id);
    expect(after.status).toBe("New");
    expect(after.timeline.filter((e) => e.kind === "STATUS_CHANGED").map((e) => e.message)).toEqual([
      'Status "Scheduled" → "New": no appointment left',
      'Status "New" → "Scheduled": it has appointments to come',
    ]);

    clock.set("2027-04-06T08:05:00Z");
    const { scheduleServiceAppointment: next } = await query(
      t.url,
      ScheduleServiceAppointmentDocument,
      { input: { workOrderId: order.id, scheduledStart: at(6, 8), scheduledEnd: at(6, 10) } },
      user(),
    );
    await query(t.url, UpdateServiceAppointmentDocument, { id: next.id, input: { expectedVersion: 1, status: "Dispatched" } }, user());
    const started = (await query(t.url, UpdateServiceAppointmentDocument, { id: next.id, input: { expectedVersion: 2, status: "In Progress" } }, user()))
      .updateServiceAppointment;
    expect(started.actualStart).toBe("2027-04-06T08:05:00.000Z");
    clock.set("2027-04-06T09:40:00Z");
    const finished = (await query(t.url, UpdateServiceAppointmentDocument, { id: next.id, input: { expectedVersion: 3, status: "Completed" } }, user()))
      .updateServiceAppointment;
    expect(finished).toMatchObject({ actualStart: "2027-04-06T08:05:00.000Z", actualEnd: "2027-04-06T09:40:00.000Z" });
    expect((await readWorkOrder(order.id)).status).toBe("Completed");
    const reopen = await execute(t.url, UpdateServiceAppointmentDocument, { id: next.id, input: { expectedVersion: 4, status: "In Progress" } }, user());
    expect(reopen.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", from: "Completed", to: "In Progress" } });
  });

  it("replaces a Work Order's line items with exact totals, and refuses lines that do not add up", async () => {
    const order = await newWorkOrder("Pipes");
    const { replaceWorkOrderLineItems: priced } = await query(
      t.url,
      ReplaceWorkOrderLineItemsDocument,
      {
        id: order.id,
        expectedVersion: 1,
        lineItems: [
          { kind: "Service", serviceAndPartId: org.service.id, quantity: 1, listPrice: 0.1, tax: 0.02 },
          { kind: "Part", quantity: 3, listPrice: 0.2, discount: 0.05 },
        ],
      },
      user(),
    );
    expect(priced.lineItems.map((l) => [l.position, l.amount])).toEqual([
      [0, 0.1],
      [1, 0.55],
    ]);
    expect(priced).toMatchObject({ subTotal: 0.65, grandTotal: 0.67 });
    const version = priced.version;

    const negative = await execute(
      t.url,
      ReplaceWorkOrderLineItemsDocument,
      { id: order.id, expectedVersion: version, lineItems: [{ kind: "Part", quantity: -1, listPrice: 5 }] },
      user(),
    );
    expect(negative.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "lineItems[0].quantity" } });
    const overDiscounted = await execute(
      t.url,
      ReplaceWorkOrderLineItemsDocument,
      {
        id: order.id,
        expectedVersion: version,
        lineItems: [
          { kind: "Part", quantity: 1, listPrice: 5 },
          { kind: "Part", quantity: 1, listPrice: 5, discount: 6 },
        ],
      },
      user(),
    );
    expect(overDiscounted.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "lineItems[1].discount" } });
    const badKind = await execute(
      t.url,
      ReplaceWorkOrderLineItemsDocument,
      { id: order.id, expectedVersion: version, lineItems: [{ kind: "Labour", quantity: 1 }] },
      user(),
    );
    expect(badKind.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    const stale = await execute(t.url, ReplaceWorkOrderLineItemsDocument, { id: order.id, expectedVersion: 1, lineItems: [] }, user());
    expect(stale.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT", currentVersion: version } });
    expect(await readWorkOrder(order.id)).toMatchObject({ subTotal: 0.65, grandTotal: 0.67, version });
    expect((await readWorkOrder(order.id)).lineItems).toHaveLength(2);

    const emptied = (await query(t.url, ReplaceWorkOrderLineItemsDocument, { id: order.id, expectedVersion: version, lineItems: [] }, user()))
      .replaceWorkOrderLineItems;
    expect(emptied).toMatchObject({ subTotal: 0, grandTotal: 0, lineItems: [] });
  });

  it("deletes what nothing depends on, with its lines and parent link, and refuses the rest with DELETE_NOT_ALLOWED", async () => {
    const request = await t.services.fsm.create("Requests", { summary: "To delete" }, actor);
    await t.services.links.createParentLinks([{ fsmModule: "Requests", fsmId: request.id, parentModule: "Deals", parentId: org.deal.id }]);
    const estimate = await t.services.fsm.create("Estimates", { summary: "Depends", requestId: request.id }, actor);
    const refused = await execute(t.url, DeleteRequestDocument, { id: request.id, expectedVersion: 1 }, user());
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "DELETE_NOT_ALLOWED", dependantModule: "Estimates", dependantIds: [estimate.id] } });

    const { replaceEstimateLineItems: priced } = await query(
      t.url,
      ReplaceEstimateLineItemsDocument,
      { id: estimate.id, expectedVersion: 1, lineItems: [{ kind: "Part", quantity: 1, listPrice: 9 }] },
      user(),
    );
    expect((await query(t.url, DeleteEstimateDocument, { id: estimate.id, expectedVersion: priced.version }, user())).deleteEstimate).toBe(estimate.id);
    expect(await t.services.fsm.findByReference("Estimate_Line_Items", "estimateId", [estimate.id])).toEqual([]);
    expect((await query(t.url, DeleteRequestDocument, { id: request.id, expectedVersion: 1 }, user())).deleteRequest).toBe(request.id);
    expect((await execute(t.url, WorkflowRequestDocument, { id: request.id }, user())).errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    expect(await t.services.links.parentLinksByFsmIds("Requests", [request.id])).toEqual([]);
    const lists = (await query(t.url, DealRelatedListsDocument, { id: org.deal.id }, user())).deal;
    expect(lists?.requests.map((r) => r.id)).not.toContain(request.id);

    // A Work Order with appointments stays; a visit that happened stays; an Asset in use stays.
    const order = await newWorkOrder("Has a visit");
    const { scheduleServiceAppointment: visit } = await query(
      t.url,
      ScheduleServiceAppointmentDocument,
      { input: { workOrderId: order.id, scheduledStart: at(9, 8), scheduledEnd: at(9, 9) } },
      user(),
    );
    const withVisit = await execute(t.url, DeleteWorkOrderDocument, { id: order.id, expectedVersion: 2 }, user());
    expect(withVisit.errors?.[0]).toMatchObject({ extensions: { code: "DELETE_NOT_ALLOWED", dependantModule: "Service_Appointments" } });
    expect((await query(t.url, DeleteServiceAppointmentDocument, { id: visit.id, expectedVersion: 1 }, user())).deleteServiceAppointment).toBe(visit.id);
    expect((await readWorkOrder(order.id)).status).toBe("New");

    const done = await t.services.fsm.create(
      "Service_Appointments",
      { workOrderId: org.workOrder.id, scheduledStart: new Date(at(1, 8)), scheduledEnd: new Date(at(1, 9)), status: "Completed" },
      actor,
    );
    const visited = await execute(t.url, DeleteServiceAppointmentDocument, { id: done.id, expectedVersion: 1 }, user());
    expect(visited.errors?.[0]).toMatchObject({ extensions: { code: "DELETE_NOT_ALLOWED", status: "Completed" } });
    const asset = await execute(t.url, DeleteAssetDocument, { id: org.asset.id, expectedVersion: 99 }, user());
    expect(asset.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT" } });
    const assetNow = (await t.services.fsm.getMany("Assets", [org.asset.id]))[0];
    const inUse = await execute(t.url, DeleteAssetDocument, { id: org.asset.id, expectedVersion: assetNow.version }, user());
    expect(inUse.errors?.[0]).toMatchObject({ extensions: { code: "DELETE_NOT_ALLOWED" } });
  });
});
