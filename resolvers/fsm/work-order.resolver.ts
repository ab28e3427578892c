import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { WorkOrder } from "../../src/fsm/entities/work-order.entity";
import { WorkOrderLineItem } from "../../src/fsm/entities/work-order-line-item.entity";
import { Request } from "../../src/fsm/entities/request.entity";
import { Estimate } from "../../src/fsm/entities/estimate.entity";
import { Asset } from "../../src/fsm/entities/asset.entity";
import { ServiceAppointment } from "../../src/fsm/entities/service-appointment.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { FsmCustomerResolver } from "../common/fsm-customer.resolver";
import { WorkOrderFilter } from "./customer-record-filter.input";

export const WorkOrderQueries = RecordQueries({
  system: "fsm",
  module: "Work_Orders",
  type: WorkOrder,
  filter: WorkOrderFilter,
  one: "workOrder",
  many: "workOrders",
  label: "Work Order",
});
export const WorkOrderCustomerResolver = FsmCustomerResolver(WorkOrder, "Work_Orders");

@Resolver(() => WorkOrder)
export class WorkOrderResolver {
  @FieldResolver(() => Asset, { nullable: true }) asset(@Root() order: WorkOrder, @Ctx() { graph }: Context) {
    return graph.fsmRecord("Assets", order.assetId);
  }
  @FieldResolver(() => Request, { nullable: true }) request(@Root() order: WorkOrder, @Ctx() { graph }: Context) {
    return graph.fsmRecord("Requests", order.requestId);
  }
  @FieldResolver(() => Estimate, { nullable: true }) estimate(@Root() order: WorkOrder, @Ctx() { graph }: Context) {
    return graph.fsmRecord("Estimates", order.estimateId);
  }
  @FieldResolver(() => [WorkOrderLineItem]) lineItems(@Root() order: WorkOrder, @Ctx() { graph }: Context) {
    return graph.lineItemsOf("Work_Order_Line_Items", "workOrderId", order.id);
  }
  @FieldResolver(() => [ServiceAppointment]) serviceAppointments(@Root() order: WorkOrder, @Ctx() { graph }: Context) {
    return graph.fsmRecordsByField("Service_Appointments", "workOrderId", order.id);
  }
}
