import { Authorized, Ctx, FieldResolver, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../../src/http/context";
import type { RecordBase } from "../../src/common/record-base";
import type { ParentModule } from "../../src/modules/module-registry";
import { Permission } from "../../src/access/viewer";
import { Request } from "../../src/fsm/entities/request.entity";
import { Estimate } from "../../src/fsm/entities/estimate.entity";
import { WorkOrder } from "../../src/fsm/entities/work-order.entity";

/** The FSM Requests, Estimates and Work Orders linked to a Deal or Sales Order (its FSM related lists). */
export function FsmChildrenResolver<T extends RecordBase>(type: ClassType<T>, parentModule: ParentModule) {
  @Authorized(Permission.FsmAccess)
  @Resolver(() => type)
  class FsmChildrenFieldsResolver {
    @FieldResolver(() => [Request]) requests(@Root() r: T, @Ctx() { graph }: Context) {
      return graph.childrenOf(parentModule, r.id, "Requests");
    }
    @FieldResolver(() => [Estimate]) estimates(@Root() r: T, @Ctx() { graph }: Context) {
      return graph.childrenOf(parentModule, r.id, "Estimates");
    }
    @FieldResolver(() => [WorkOrder]) workOrders(@Root() r: T, @Ctx() { graph }: Context) {
      return graph.childrenOf(parentModule, r.id, "Work_Orders");
    }
  }
  Object.defineProperty(FsmChildrenFieldsResolver, "name", { value: `${type.name}FsmChildrenResolver` });
  return FsmChildrenFieldsResolver;
}
