import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Account } from "../../src/crm/entities/account.entity";
import { CrmContact } from "../../src/crm/entities/crm-contact.entity";
import { Deal } from "../../src/crm/entities/deal.entity";
import { SalesOrder } from "../../src/crm/entities/sales-order.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { FsmChildrenResolver } from "../common/fsm-children.resolver";
import { DealFilter } from "./deal-filter.input";

export const DealQueries = RecordQueries({
  system: "crm",
  module: "Deals",
  type: Deal,
  filter: DealFilter,
  one: "deal",
  many: "deals",
  label: "Deal",
});
export const DealFsmChildrenResolver = FsmChildrenResolver(Deal, "Deals");

@Resolver(() => Deal)
export class DealResolver {
  @FieldResolver(() => Account, { nullable: true }) account(@Root() deal: Deal, @Ctx() { graph }: Context) {
    return graph.crmRecord("Accounts", deal.accountId);
  }
  @FieldResolver(() => CrmContact, { nullable: true }) contact(@Root() deal: Deal, @Ctx() { graph }: Context) {
    return graph.crmRecord("Contacts", deal.contactId);
  }
  @FieldResolver(() => [SalesOrder]) salesOrders(@Root() deal: Deal, @Ctx() { graph }: Context) {
    return graph.crmRecordsByField("Sales_Orders", "dealId", deal.id);
  }
}
