import { Authorized, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission } from "../../src/access/viewer";
import { Product } from "../../src/crm/entities/product.entity";
import { ServiceAndPart } from "../../src/fsm/entities/service-and-part.entity";
import { Asset } from "../../src/fsm/entities/asset.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { SyncedRecordResolver } from "../common/synced-record.resolver";
import { ProductFilter } from "./product-filter.input";

export const ProductQueries = RecordQueries({
  system: "crm",
  module: "Products",
  type: Product,
  filter: ProductFilter,
  one: "product",
  many: "products",
  label: "Product",
});
export const ProductSyncResolver = SyncedRecordResolver({
  type: Product,
  side: "crm",
  crmModule: "Products",
  counterpartField: "fsmServiceAndPart",
  counterpartType: ServiceAndPart,
});

@Resolver(() => Product)
export class ProductResolver {
  @Authorized(Permission.FsmAccess)
  @FieldResolver(() => [Asset], { description: "FSM Assets of the Service or Part this Product syncs with." })
  assets(@Root() product: Product, @Ctx() { graph }: Context) {
    return graph.fsmRecordsOf("Products", product.id, "Assets");
  }
}
