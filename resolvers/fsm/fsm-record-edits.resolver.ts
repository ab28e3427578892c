import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission, requireViewer } from "../../src/access/viewer";
import { Request } from "../../src/fsm/entities/request.entity";
import { Estimate } from "../../src/fsm/entities/estimate.entity";
import { WorkOrder } from "../../src/fsm/entities/work-order.entity";
import { ServiceAppointment } from "../../src/fsm/entities/service-appointment.entity";
import { Asset } from "../../src/fsm/entities/asset.entity";
import { definedOnly } from "../common/defined-only";
import { AssetUpdateInput, EstimateUpdateInput, RequestUpdateInput, ServiceAppointmentUpdateInput, WorkOrderUpdateInput } from "./fsm-edit-inputs";

type Versioned = { expectedVersion: number };

/** The patch without its version, absent fields dropped. */
function patchOf({ expectedVersion: _version, ...input }: Versioned & object) {
  return definedOnly(input);
}

const DELETE_DESCRIPTION = "Returns the deleted id. DELETE_NOT_ALLOWED while other records depend on it.";

/** Partial updates and deletes of the FSM work records, at the version the client read. */
@Authorized(Permission.FsmAccess)
@Resolver()
export class FsmRecordEditsResolver {
  @Mutation(() => Request)
  updateRequest(@Arg("id", () => ID) id: string, @Arg("input", () => RequestUpdateInput) input: RequestUpdateInput, @Ctx() { services, viewer }: Context) {
    return services.fsmEditor.update("Requests", id, input.expectedVersion, patchOf(input), { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => Estimate)
  updateEstimate(@Arg("id", () => ID) id: string, @Arg("input", () => EstimateUpdateInput) input: EstimateUpdateInput, @Ctx() { services, viewer }: Context) {
    return services.fsmEditor.update("Estimates", id, input.expectedVersion, patchOf(input), { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => WorkOrder)
  updateWorkOrder(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => WorkOrderUpdateInput) input: WorkOrderUpdateInput,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.fsmEditor.update("Work_Orders", id, input.expectedVersion, patchOf(input), { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => ServiceAppointment, { description: "A status change records actual times and moves the Work Order's status with it." })
  updateServiceAppointment(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => ServiceAppointmentUpdateInput) input: ServiceAppointmentUpdateInput,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.fsmEditor.update("Service_Appointments", id, input.expectedVersion, patchOf(input), { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => Asset)
  updateAsset(@Arg("id", () => ID) id: string, @Arg("input", () => AssetUpdateInput) input: AssetUpdateInput, @Ctx() { services, viewer }: Context) {
    return services.fsmEditor.update("Assets", id, input.expectedVersion, patchOf(input), { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => ID, { description: DELETE_DESCRIPTION })
  deleteRequest(@Arg("id", () => ID) id: string, @Arg("expectedVersion", () => Int) expectedVersion: number, @Ctx() { services, viewer }: Context) {
    return services.fsmRemover.delete("Requests", id, expectedVersion, { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => ID, { description: DELETE_DESCRIPTION })
  deleteEstimate(@Arg("id", () => ID) id: string, @Arg("expectedVersion", () => Int) expectedVersion: number, @Ctx() { services, viewer }: Context) {
    return services.fsmRemover.delete("Estimates", id, expectedVersion, { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => ID, { description: DELETE_DESCRIPTION })
  deleteWorkOrder(@Arg("id", () => ID) id: string, @Arg("expectedVersion", () => Int) expectedVersion: number, @Ctx() { services, viewer }: Context) {
    return services.fsmRemover.delete("Work_Orders", id, expectedVersion, { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => ID, { description: `${DELETE_DESCRIPTION} A visit that started cannot be deleted.` })
  deleteServiceAppointment(@Arg("id", () => ID) id: string, @Arg("expectedVersion", () => Int) expectedVersion: number, @Ctx() { services, viewer }: Context) {
    return services.fsmRemover.delete("Service_Appointments", id, expectedVersion, { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => ID, { description: DELETE_DESCRIPTION })
  deleteAsset(@Arg("id", () => ID) id: string, @Arg("expectedVersion", () => Int) expectedVersion: number, @Ctx() { services, viewer }: Context) {
    return services.fsmRemover.delete("Assets", id, expectedVersion, { userId: requireViewer(viewer).user.id });
  }
}
