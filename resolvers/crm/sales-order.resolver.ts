import { Authorized, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission } from "../../src/access/viewer";
import { Account } from "../../src/crm/entities/account.entity";
import { CrmContact } from "../../src/crm/entities/crm-contact.entity";
import { Deal } from "../../src/crm/entities/deal.entity";
import { SalesOrder } from "../../src/crm/entities/sales-order.entity";
import { SalesOrderLineItem } from "../../src/crm/entities/sales-order-line-item.entity";
import { Asset } from "../../src/fsm/entities/asset.entity";
import { Product } from "../../src/crm/entities/product.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { FsmChildrenResolver } from "../common/fsm-children.resolver";
import { SalesOrderFilter } from "./sales-order-filter.input";

export const SalesOrderQueries = RecordQueries({
  system: "crm",
  module: "Sales_Orders",
  type: SalesOrder,
  filter: SalesOrderFilter,
  one: "salesOrder",
  many: "salesOrders",
  label: "Sales Order",
});
export const SalesOrderFsmChildrenResolver = FsmChildrenResolver(SalesOrder, "Sales_Orders");

@Resolver(() => SalesOrder)
export class SalesOrderResolver {
  @FieldResolver(() => Account, { nullable: true }) account(@Root() order: SalesOrder, @Ctx() { graph }: Context) {
    return graph.crmRecord("Accounts", order.accountId);
  }
  @FieldResolver(() => CrmContact, { nullable: true }) contact(@Root() order: SalesOrder, @Ctx() { graph }: Context) {
    return graph.crmRecord("Contacts", order.contactId);
  }
  @FieldResolver(() => Deal, { nullable: true }) deal(@Root() order: SalesOrder, @Ctx() { graph }: Context) {
    return graph.crmRecord("Deals", order.dealId);
  }
  @FieldResolver(() => [SalesOrderLineItem]) lineItems(@Root() order: SalesOrder, @Ctx() { graph }: Context) {
    return graph.salesOrderLineItems(order.id);
  }
  @Authorized(Permission.FsmAccess)
  @FieldResolver(() => [Asset], { description: "FSM Assets created from this Sales Order." })
  assets(@Root() order: SalesOrder, @Ctx() { graph }: Context) {
    return graph.childrenOf("Sales_Orders", order.id, "Assets");
  }
}

@Resolver(() => SalesOrderLineItem)
export class SalesOrderLineItemResolver {
  @FieldResolver(() => Product, { nullable: true }) product(@Root() item: SalesOrderLineItem, @Ctx() { graph }: Context) {
    return graph.crmRecord("Products", item.productId);
  }
}
