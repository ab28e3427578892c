import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Account } from "../../src/crm/entities/account.entity";
import { CrmContact } from "../../src/crm/entities/crm-contact.entity";
import { Deal } from "../../src/crm/entities/deal.entity";
import { SalesOrder } from "../../src/crm/entities/sales-order.entity";
import { FsmContact } from "../../src/fsm/entities/fsm-contact.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { SyncedRecordResolver } from "../common/synced-record.resolver";
import { FsmRelatedListsResolver } from "../common/fsm-related-lists.resolver";
import { CrmContactFilter } from "./crm-contact-filter.input";

export const CrmContactQueries = RecordQueries({
  system: "crm",
  module: "Contacts",
  type: CrmContact,
  filter: CrmContactFilter,
  one: "crmContact",
  many: "crmContacts",
  label: "CRM Contact",
});
export const CrmContactSyncResolver = SyncedRecordResolver({
  type: CrmContact,
  side: "crm",
  crmModule: "Contacts",
  counterpartField: "fsmContact",
  counterpartType: FsmContact,
});
export const CrmContactFsmListsResolver = FsmRelatedListsResolver(CrmContact, { kind: "crm", crmModule: "Contacts" });

@Resolver(() => CrmContact)
export class CrmContactResolver {
  @FieldResolver(() => Account, { nullable: true }) account(@Root() contact: CrmContact, @Ctx() { graph }: Context) {
    return graph.crmRecord("Accounts", contact.accountId);
  }
  @FieldResolver(() => [Deal]) deals(@Root() contact: CrmContact, @Ctx() { graph }: Context) {
    return graph.crmRecordsByField("Deals", "contactId", contact.id);
  }
  @FieldResolver(() => [SalesOrder]) salesOrders(@Root() contact: CrmContact, @Ctx() { graph }: Context) {
    return graph.crmRecordsByField("Sales_Orders", "contactId", contact.id);
  }
}
