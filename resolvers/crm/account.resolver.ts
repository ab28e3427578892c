import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Account } from "../../src/crm/entities/account.entity";
import { CrmContact } from "../../src/crm/entities/crm-contact.entity";
import { Deal } from "../../src/crm/entities/deal.entity";
import { SalesOrder } from "../../src/crm/entities/sales-order.entity";
import { Company } from "../../src/fsm/entities/company.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { SyncedRecordResolver } from "../common/synced-record.resolver";
import { FsmRelatedListsResolver } from "../common/fsm-related-lists.resolver";
import { AccountFilter } from "./account-filter.input";

export const AccountQueries = RecordQueries({
  system: "crm",
  module: "Accounts",
  type: Account,
  filter: AccountFilter,
  one: "account",
  many: "accounts",
  label: "Account",
});
export const AccountSyncResolver = SyncedRecordResolver({
  type: Account,
  side: "crm",
  crmModule: "Accounts",
  counterpartField: "fsmCompany",
  counterpartType: Company,
});
export const AccountFsmListsResolver = FsmRelatedListsResolver(Account, { kind: "crm", crmModule: "Accounts" });

@Resolver(() => Account)
export class AccountResolver {
  @FieldResolver(() => [CrmContact]) contacts(@Root() account: Account, @Ctx() { graph }: Context) {
    return graph.crmRecordsByField("Contacts", "accountId", account.id);
  }
  @FieldResolver(() => [Deal]) deals(@Root() account: Account, @Ctx() { graph }: Context) {
    return graph.crmRecordsByField("Deals", "accountId", account.id);
  }
  @FieldResolver(() => [SalesOrder]) salesOrders(@Root() account: Account, @Ctx() { graph }: Context) {
    return graph.crmRecordsByField("Sales_Orders", "accountId", account.id);
  }
}
