import { Authorized, Ctx, FieldResolver, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../../src/http/context";
import type { RecordBase } from "../../src/common/record-base";
import { Permission } from "../../src/access/viewer";
import { Company } from "../../src/fsm/entities/company.entity";
import { FsmContact } from "../../src/fsm/entities/fsm-contact.entity";
import { Account } from "../../src/crm/entities/account.entity";
import { CrmContact } from "../../src/crm/entities/crm-contact.entity";
import { Deal } from "../../src/crm/entities/deal.entity";
import { SalesOrder } from "../../src/crm/entities/sales-order.entity";
import { ParentLink } from "../../src/links/parent-link.entity";

type CustomerRecord = RecordBase & { companyId: string | null; contactId: string | null };
type CustomerModule = "Requests" | "Estimates" | "Work_Orders" | "Assets";

/**
 * An FSM Request, Estimate, Work Order or Asset: its Company and Contact, the CRM Account and Contact
 * they sync with, and the Deal or Sales Order it belongs to.
 */
export function FsmCustomerResolver<T extends CustomerRecord>(type: ClassType<T>, fsmModule: CustomerModule) {
  @Authorized(Permission.FsmAccess)
  @Resolver(() => type)
  class FsmCustomerFieldsResolver {
    @FieldResolver(() => Company, { nullable: true }) company(@Root() r: T, @Ctx() { graph }: Context) {
      return graph.fsmRecord("Companies", r.companyId);
    }
    @FieldResolver(() => FsmContact, { nullable: true }) contact(@Root() r: T, @Ctx() { graph }: Context) {
      return graph.fsmRecord("Contacts", r.contactId);
    }
    @FieldResolver(() => Account, { nullable: true, description: "The CRM Account its Company syncs with." })
    crmAccount(@Root() r: T, @Ctx() { graph }: Context) {
      return graph.crmCounterpart("Accounts", r.companyId);
    }
    @FieldResolver(() => CrmContact, { nullable: true, description: "The CRM Contact its Contact syncs with." })
    crmContact(@Root() r: T, @Ctx() { graph }: Context) {
      return graph.crmCounterpart("Contacts", r.contactId);
    }
    @FieldResolver(() => ParentLink, { nullable: true, description: "Its Deal or Sales Order, if it has one." })
    parentLink(@Root() r: T, @Ctx() { graph }: Context) {
      return graph.parentLinkOf(fsmModule, r.id);
    }
    @FieldResolver(() => Deal, { nullable: true }) deal(@Root() r: T, @Ctx() { graph }: Context) {
      return graph.parentOf(fsmModule, r.id, "Deals");
    }
    @FieldResolver(() => SalesOrder, { nullable: true }) salesOrder(@Root() r: T, @Ctx() { graph }: Context) {
      return graph.parentOf(fsmModule, r.id, "Sales_Orders");
    }
  }
  Object.defineProperty(FsmCustomerFieldsResolver, "name", { value: `${type.name}CustomerResolver` });
  return FsmCustomerFieldsResolver;
}
