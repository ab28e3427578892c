import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Request } from "../../src/fsm/entities/request.entity";
import { Estimate } from "../../src/fsm/entities/estimate.entity";
import { WorkOrder } from "../../src/fsm/entities/work-order.entity";
import { Asset } from "../../src/fsm/entities/asset.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { FsmCustomerResolver } from "../common/fsm-customer.resolver";
import { RequestFilter } from "./customer-record-filter.input";

export const RequestQueries = RecordQueries({
  system: "fsm",
  module: "Requests",
  type: Request,
  filter: RequestFilter,
  one: "request",
  many: "requests",
  label: "Request",
});
export const RequestCustomerResolver = FsmCustomerResolver(Request, "Requests");

@Resolver(() => Request)
export class RequestResolver {
  @FieldResolver(() => Asset, { nullable: true }) asset(@Root() request: Request, @Ctx() { graph }: Context) {
    return graph.fsmRecord("Assets", request.assetId);
  }
  @FieldResolver(() => [Estimate]) estimates(@Root() request: Request, @Ctx() { graph }: Context) {
    return graph.fsmRecordsByField("Estimates", "requestId", request.id);
  }
  @FieldResolver(() => [WorkOrder]) workOrders(@Root() request: Request, @Ctx() { graph }: Context) {
    return graph.fsmRecordsByField("Work_Orders", "requestId", request.id);
  }
}
