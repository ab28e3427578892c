import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { ServiceAndPart } from "../../src/fsm/entities/service-and-part.entity";
import { Asset } from "../../src/fsm/entities/asset.entity";
import { Product } from "../../src/crm/entities/product.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { SyncedRecordResolver } from "../common/synced-record.resolver";
import { ServiceAndPartFilter } from "./service-and-part-filter.input";

export const ServiceAndPartQueries = RecordQueries({
  system: "fsm",
  module: "Services_And_Parts",
  type: ServiceAndPart,
  filter: ServiceAndPartFilter,
  one: "serviceAndPart",
  many: "servicesAndParts",
  label: "Service or Part",
});
export const ServiceAndPartSyncResolver = SyncedRecordResolver({
  type: ServiceAndPart,
  side: "fsm",
  crmModule: "Products",
  counterpartField: "crmProduct",
  counterpartType: Product,
});

@Resolver(() => ServiceAndPart)
export class ServiceAndPartResolver {
  @FieldResolver(() => [Asset]) assets(@Root() item: ServiceAndPart, @Ctx() { graph }: Context) {
    return graph.fsmRecordsByField("Assets", "serviceAndPartId", item.id);
  }
}
