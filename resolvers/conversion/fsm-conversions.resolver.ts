import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { definedOnly } from "../common/defined-only";
import { Permission, requireViewer } from "../../src/access/viewer";
import { Estimate } from "../../src/fsm/entities/estimate.entity";
import { WorkOrder } from "../../src/fsm/entities/work-order.entity";
import { EstimateInput, WorkOrderInput } from "../fsm/fsm-work-inputs";

/** Request → Estimate → Work Order; each new record stays under the source's Deal or Sales Order. */
@Authorized(Permission.FsmAccess)
@Resolver()
export class FsmConversionsResolver {
  @Mutation(() => Estimate)
  convertRequestToEstimate(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("input", () => EstimateInput, { nullable: true }) input: EstimateInput | null,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.fsmConversions.requestToEstimate(requestId, definedOnly(input), { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => WorkOrder, { description: "Only an accepted Estimate converts." })
  convertEstimateToWorkOrder(
    @Arg("estimateId", () => ID) estimateId: string,
    @Arg("input", () => WorkOrderInput, { nullable: true }) input: WorkOrderInput | null,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.fsmConversions.estimateToWorkOrder(estimateId, definedOnly(input), { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => WorkOrder)
  convertRequestToWorkOrder(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("input", () => WorkOrderInput, { nullable: true }) input: WorkOrderInput | null,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.fsmConversions.requestToWorkOrder(requestId, definedOnly(input), { userId: requireViewer(viewer).user.id });
  }
}
