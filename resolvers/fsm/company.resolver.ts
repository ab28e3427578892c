import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Company } from "../../src/fsm/entities/company.entity";
import { FsmContact } from "../../src/fsm/entities/fsm-contact.entity";
import { Account } from "../../src/crm/entities/account.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { SyncedRecordResolver } from "../common/synced-record.resolver";
import { FsmRelatedListsResolver } from "../common/fsm-related-lists.resolver";
import { CompanyFilter } from "./company-filter.input";

export const CompanyQueries = RecordQueries({
  system: "fsm",
  module: "Companies",
  type: Company,
  filter: CompanyFilter,
  one: "company",
  many: "companies",
  label: "Company",
});
export const CompanySyncResolver = SyncedRecordResolver({
  type: Company,
  side: "fsm",
  crmModule: "Accounts",
  counterpartField: "crmAccount",
  counterpartType: Account,
});
export const CompanyFsmListsResolver = FsmRelatedListsResolver(Company, { kind: "fsm", field: "companyId" });

@Resolver(() => Company)
export class CompanyResolver {
  @FieldResolver(() => [FsmContact]) contacts(@Root() company: Company, @Ctx() { graph }: Context) {
    return graph.fsmRecordsByField("Contacts", "companyId", company.id);
  }
}
