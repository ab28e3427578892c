import { Ctx, FieldResolver, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../../src/http/context";
import { ServiceAndPart } from "../../src/fsm/entities/service-and-part.entity";
import { EstimateLineItem } from "../../src/fsm/entities/estimate-line-item.entity";
import { WorkOrderLineItem } from "../../src/fsm/entities/work-order-line-item.entity";
import type { FsmLineItemBase } from "../../src/fsm/entities/line-item-base";

function LineItemResolver<T extends FsmLineItemBase>(type: ClassType<T>) {
  @Resolver(() => type)
  class LineItemFieldsResolver {
    @FieldResolver(() => ServiceAndPart, { nullable: true }) serviceAndPart(@Root() item: T, @Ctx() { graph }: Context) {
      return graph.fsmRecord("Services_And_Parts", item.serviceAndPartId);
    }
  }
  Object.defineProperty(LineItemFieldsResolver, "name", { value: `${type.name}Resolver` });
  return LineItemFieldsResolver;
}

export const EstimateLineItemResolver = LineItemResolver(EstimateLineItem);
export const WorkOrderLineItemResolver = LineItemResolver(WorkOrderLineItem);
