import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Asset } from "../../src/fsm/entities/asset.entity";
import { ServiceAndPart } from "../../src/fsm/entities/service-and-part.entity";
import { Request } from "../../src/fsm/entities/request.entity";
import { WorkOrder } from "../../src/fsm/entities/work-order.entity";
import { Product } from "../../src/crm/entities/product.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { FsmCustomerResolver } from "../common/fsm-customer.resolver";
import { AssetFilter } from "./asset-filter.input";

export const AssetQueries = RecordQueries({
  system: "fsm",
  module: "Assets",
  type: Asset,
  filter: AssetFilter,
  one: "asset",
  many: "assets",
  label: "Asset",
});
export const AssetCustomerResolver = FsmCustomerResolver(Asset, "Assets");

@Resolver(() => Asset)
export class AssetResolver {
  @FieldResolver(() => ServiceAndPart, { nullable: true }) serviceAndPart(@Root() asset: Asset, @Ctx() { graph }: Context) {
    return graph.fsmRecord("Services_And_Parts", asset.serviceAndPartId);
  }
  @FieldResolver(() => Product, { nullable: true, description: "The CRM Product its Service or Part syncs with." })
  crmProduct(@Root() asset: Asset, @Ctx() { graph }: Context) {
    return graph.crmCounterpart("Products", asset.serviceAndPartId);
  }
  @FieldResolver(() => [Request]) requests(@Root() asset: Asset, @Ctx() { graph }: Context) {
    return graph.fsmRecordsByField("Requests", "assetId", asset.id);
  }
  @FieldResolver(() => [WorkOrder]) workOrders(@Root() asset: Asset, @Ctx() { graph }: Context) {
    return graph.fsmRecordsByField("Work_Orders", "assetId", asset.id);
  }
}
