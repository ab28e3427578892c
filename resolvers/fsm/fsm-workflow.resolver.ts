import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission, requireViewer } from "../../src/access/viewer";
import { Estimate } from "../../src/fsm/entities/estimate.entity";
import { WorkOrder } from "../../src/fsm/entities/work-order.entity";
import { ServiceAppointment } from "../../src/fsm/entities/service-appointment.entity";
import { EstimateStatus } from "../../src/workflow/estimate-lifecycle";
import { definedOnly } from "../common/defined-only";
import { LineItemInput, ServiceAppointmentInput } from "./fsm-edit-inputs";

/** The steps of the service workflow that are actions, not edits: answering an Estimate, booking a visit, pricing. */
@Authorized(Permission.FsmAccess)
@Resolver()
export class FsmWorkflowResolver {
  @Mutation(() => Estimate, { description: "Draft → Sent." })
  sendEstimate(@Arg("id", () => ID) id: string, @Arg("expectedVersion", () => Int) expectedVersion: number, @Ctx() { services, viewer }: Context) {
    return services.fsmEditor.changeStatus("Estimates", id, expectedVersion, EstimateStatus.Sent, { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => Estimate, { description: "Sent → Accepted, unless past its expiry date; then it converts to a Work Order." })
  acceptEstimate(@Arg("id", () => ID) id: string, @Arg("expectedVersion", () => Int) expectedVersion: number, @Ctx() { services, viewer }: Context) {
    return services.fsmEditor.changeStatus("Estimates", id, expectedVersion, EstimateStatus.Accepted, { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => Estimate, { description: "Sent → Rejected; its Request becomes Estimate Rejected unless another of its estimates is open." })
  rejectEstimate(@Arg("id", () => ID) id: string, @Arg("expectedVersion", () => Int) expectedVersion: number, @Ctx() { services, viewer }: Context) {
    return services.fsmEditor.changeStatus("Estimates", id, expectedVersion, EstimateStatus.Rejected, { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => ServiceAppointment, { description: "Created Scheduled; its Work Order (New, Scheduled or In Progress) follows." })
  scheduleServiceAppointment(@Arg("input", () => ServiceAppointmentInput) input: ServiceAppointmentInput, @Ctx() { services, viewer }: Context) {
    return services.appointments.book(input, { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => Estimate, { description: "Replaces all its line items (Draft only) and recomputes its totals." })
  replaceEstimateLineItems(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("lineItems", () => [LineItemInput]) lineItems: LineItemInput[],
    @Ctx() { services, viewer }: Context,
  ) {
    return services.lineItems.replace("Estimates", id, expectedVersion, lineItems.map(definedOnlyLine), { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => WorkOrder, { description: "Replaces all its line items (until its work ends) and recomputes its totals." })
  replaceWorkOrderLineItems(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("lineItems", () => [LineItemInput]) lineItems: LineItemInput[],
    @Ctx() { services, viewer }: Context,
  ) {
    return services.lineItems.replace("Work_Orders", id, expectedVersion, lineItems.map(definedOnlyLine), { userId: requireViewer(viewer).user.id });
  }
}

/** A line without the fields the client left out. */
function definedOnlyLine(line: LineItemInput): LineItemInput {
  return { kind: line.kind, quantity: line.quantity, ...definedOnly(line) };
}
