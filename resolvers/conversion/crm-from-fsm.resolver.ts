import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission, requireViewer } from "../../src/access/viewer";
import { Deal } from "../../src/crm/entities/deal.entity";
import { SalesOrder } from "../../src/crm/entities/sales-order.entity";
import { DealInput, SalesOrderInput } from "../crm/crm-deal-inputs";

/** Deals and Sales Orders made in the CRM from synced FSM Companies and Contacts. */
@Authorized(Permission.FsmAccess)
@Resolver()
export class CrmFromFsmResolver {
  @Mutation(() => Deal)
  createDealFromFsm(
    @Arg("companyId", () => ID) companyId: string,
    @Arg("contactId", () => ID, { nullable: true }) contactId: string | null,
    @Arg("input", () => DealInput) input: DealInput,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.crmFromFsm.createDeal(companyId, contactId, { ...input }, { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => SalesOrder)
  createSalesOrderFromFsm(
    @Arg("companyId", () => ID) companyId: string,
    @Arg("contactId", () => ID, { nullable: true }) contactId: string | null,
    @Arg("input", () => SalesOrderInput) input: SalesOrderInput,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.crmFromFsm.createSalesOrder(companyId, contactId, { ...input }, { userId: requireViewer(viewer).user.id });
  }
}
