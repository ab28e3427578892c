import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { FsmContact } from "../../src/fsm/entities/fsm-contact.entity";
import { Company } from "../../src/fsm/entities/company.entity";
import { CrmContact } from "../../src/crm/entities/crm-contact.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { SyncedRecordResolver } from "../common/synced-record.resolver";
import { FsmRelatedListsResolver } from "../common/fsm-related-lists.resolver";
import { FsmContactFilter } from "./fsm-contact-filter.input";

export const FsmContactQueries = RecordQueries({
  system: "fsm",
  module: "Contacts",
  type: FsmContact,
  filter: FsmContactFilter,
  one: "fsmContact",
  many: "fsmContacts",
  label: "FSM Contact",
});
export const FsmContactSyncResolver = SyncedRecordResolver({
  type: FsmContact,
  side: "fsm",
  crmModule: "Contacts",
  counterpartField: "crmContact",
  counterpartType: CrmContact,
});
export const FsmContactFsmListsResolver = FsmRelatedListsResolver(FsmContact, { kind: "fsm", field: "contactId" });

@Resolver(() => FsmContact)
export class FsmContactResolver {
  @FieldResolver(() => Company, { nullable: true }) company(@Root() contact: FsmContact, @Ctx() { graph }: Context) {
    return graph.fsmRecord("Companies", contact.companyId);
  }
}
