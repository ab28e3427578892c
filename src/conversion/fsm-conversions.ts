import type { EntityManager } from "typeorm";
import type { Database } from "../db/database";
import type { FsmStore } from "../fsm/fsm-store";
import type { LinkStore } from "../links/link-store";
import type { Timeline } from "../timeline/timeline";
import type { RecordInputCheck } from "../fields/record-input-check";
import { SystemName } from "../fields/field-definition.entity";
import type { Actor } from "../common/record-store";
import type { FsmRecords } from "../modules/module-registry";
import { NotFoundError } from "../errors/app-error";
import { checkMove, isStatusOf, statusAtCreation } from "../workflow/state-machine";
import { REQUEST_LIFECYCLE, requestStatusAfterConversion } from "../workflow/request-lifecycle";
import { ESTIMATE_LIFECYCLE, EstimateStatus } from "../workflow/estimate-lifecycle";
import { lineAmount, totalsOf } from "../workflow/totals";

export interface FsmConversionDeps {
  db: Database;
  fsm: FsmStore;
  links: LinkStore;
  timeline: Timeline;
  inputs: RecordInputCheck;
}

/**
 * Request → Estimate, accepted Estimate → Work Order, Request → Work Order. The new record keeps the source's
 * customer and its Deal or Sales Order, and the source's status moves on (Estimate Created, Work In Progress).
 */
export class FsmConversions {
  constructor(private readonly deps: FsmConversionDeps) {}

  async requestToEstimate(requestId: string, input: Partial<FsmRecords["Estimates"]>, actor: Actor): Promise<FsmRecords["Estimates"]> {
    await this.deps.inputs.check(SystemName.FSM, "Estimates", input);
    return this.deps.db.transaction(async (m) => {
      const request = await this.load(m, "Requests", requestId, "Request");
      const requestStatus = checkMove(REQUEST_LIFECYCLE, request.status, requestStatusAfterConversion("Estimate"));
      const estimate = await this.deps.fsm.create(
        "Estimates",
        {
          summary: request.summary,
          companyId: request.companyId,
          contactId: request.contactId,
          requestId,
          ...input,
          status: statusAtCreation(ESTIMATE_LIFECYCLE, input.status),
        },
        actor,
        m,
      );
      await this.deps.fsm.update("Requests", requestId, { status: requestStatus }, actor, m);
      await this.carryOver(m, "Requests", requestId, "Estimates", estimate.id);
      return estimate;
    });
  }

  async estimateToWorkOrder(estimateId: string, input: Partial<FsmRecords["Work_Orders"]>, actor: Actor): Promise<FsmRecords["Work_Orders"]> {
    await this.deps.inputs.check(SystemName.FSM, "Work_Orders", input);
    return this.deps.db.transaction(async (m) => {
      const estimate = await this.load(m, "Estimates", estimateId, "Estimate");
      checkMove(ESTIMATE_LIFECYCLE, estimate.status, EstimateStatus.Converted);
      const lines = await this.deps.fsm.findByReference("Estimate_Line_Items", "estimateId", [estimateId], m);
      const totals = lines.length ? totalsOf(lines) : { subTotal: estimate.subTotal, grandTotal: estimate.grandTotal };
      const workOrder = await this.deps.fsm.create(
        "Work_Orders",
        {
          summary: estimate.summary,
          companyId: estimate.companyId,
          contactId: estimate.contactId,
          requestId: estimate.requestId,
          estimateId,
          subTotal: totals.subTotal,
          grandTotal: totals.grandTotal,
          ...input,
        },
        actor,
        m,
      );
      await this.deps.fsm.createMany(
        "Work_Order_Line_Items",
        lines.map(({ position, kind, serviceAndPartId, quantity, listPrice, discount, tax }) => ({
          workOrderId: workOrder.id,
          position,
          kind,
          serviceAndPartId,
          quantity,
          listPrice,
          discount,
          tax,
          amount: lineAmount({ quantity, listPrice, discount }),
        })),
        actor,
        m,
      );
      await this.deps.fsm.update("Estimates", estimateId, { status: EstimateStatus.Converted }, actor, m);
      if (estimate.requestId) await this.moveRequest(m, estimate.requestId, actor);
      await this.carryOver(m, "Estimates", estimateId, "Work_Orders", workOrder.id);
      return workOrder;
    });
  }

  async requestToWorkOrder(requestId: string, input: Partial<FsmRecords["Work_Orders"]>, actor: Actor): Promise<FsmRecords["Work_Orders"]> {
    await this.deps.inputs.check(SystemName.FSM, "Work_Orders", input);
    return this.deps.db.transaction(async (m) => {
      const request = await this.load(m, "Requests", requestId, "Request");
      const requestStatus = checkMove(REQUEST_LIFECYCLE, request.status, requestStatusAfterConversion("Work Order"));
      const workOrder = await this.deps.fsm.create(
        "Work_Orders",
        {
          summary: request.summary,
          companyId: request.companyId,
          contactId: request.contactId,
          assetId: request.assetId,
          requestId,
          priority: request.priority,
          ...input,
        },
        actor,
        m,
      );
      await this.deps.fsm.update("Requests", requestId, { status: requestStatus }, actor, m);
      await this.carryOver(m, "Requests", requestId, "Work_Orders", workOrder.id);
      return workOrder;
    });
  }

  /** A Request whose Estimate became a Work Order: its work is in progress, if its lifecycle allows it now. */
  private async moveRequest(m: EntityManager, requestId: string, actor: Actor): Promise<void> {
    const [request] = await this.deps.fsm.getMany("Requests", [requestId], m);
    if (!request) return;
    const next = requestStatusAfterConversion("Work Order");
    if (isStatusOf(REQUEST_LIFECYCLE, request.status) && REQUEST_LIFECYCLE.transitions[request.status].includes(next))
      await this.deps.fsm.update("Requests", requestId, { status: next }, actor, m, request);
  }

  /** The new record joins the source's Deal or Sales Order, and both timelines tell the story. */
  private async carryOver(m: EntityManager, fromModule: "Requests" | "Estimates", fromId: string, toModule: "Estimates" | "Work_Orders", toId: string) {
    const [parent] = await this.deps.links.parentLinksByFsmIds(fromModule, [fromId], m);
    if (parent)
      await this.deps.links.createParentLinks([{ fsmModule: toModule, fsmId: toId, parentModule: parent.parentModule, parentId: parent.parentId }], m);
    await this.deps.timeline.add(m, fromModule, fromId, "CONVERTED_TO", `Converted to ${toModule} ${toId}`);
    await this.deps.timeline.add(
      m,
      toModule,
      toId,
      "CONVERTED_FROM",
      `Converted from ${fromModule} ${fromId}${parent ? `; stays under ${parent.parentModule} ${parent.parentId}` : ""}`,
    );
  }

  private async load<M extends "Requests" | "Estimates">(m: EntityManager, module: M, id: string, label: string): Promise<FsmRecords[M]> {
    const [record] = await this.deps.fsm.getMany(module, [id], m);
    if (!record) throw new NotFoundError(label, id);
    return record;
  }
}
