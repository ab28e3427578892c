import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Estimate } from "../../src/fsm/entities/estimate.entity";
import { EstimateLineItem } from "../../src/fsm/entities/estimate-line-item.entity";
import { Request } from "../../src/fsm/entities/request.entity";
import { WorkOrder } from "../../src/fsm/entities/work-order.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { FsmCustomerResolver } from "../common/fsm-customer.resolver";
import { EstimateFilter } from "./customer-record-filter.input";

export const EstimateQueries = RecordQueries({
  system: "fsm",
  module: "Estimates",
  type: Estimate,
  filter: EstimateFilter,
  one: "estimate",
  many: "estimates",
  label: "Estimate",
});
export const EstimateCustomerResolver = FsmCustomerResolver(Estimate, "Estimates");

@Resolver(() => Estimate)
export class EstimateResolver {
  @FieldResolver(() => Request, { nullable: true }) request(@Root() estimate: Estimate, @Ctx() { graph }: Context) {
    return graph.fsmRecord("Requests", estimate.requestId);
  }
  @FieldResolver(() => [EstimateLineItem]) lineItems(@Root() estimate: Estimate, @Ctx() { graph }: Context) {
    return graph.lineItemsOf("Estimate_Line_Items", "estimateId", estimate.id);
  }
  @FieldResolver(() => [WorkOrder]) workOrders(@Root() estimate: Estimate, @Ctx() { graph }: Context) {
    return graph.fsmRecordsByField("Work_Orders", "estimateId", estimate.id);
  }
}
