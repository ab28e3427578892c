import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, registerEnumType } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission, requireViewer } from "../../src/access/viewer";
import { ParentLink } from "../../src/links/parent-link.entity";
import { FsmRecordSummary } from "./fsm-record-summary.type";
import { LINKABLE_MODULES, PARENT_MODULES } from "../../src/modules/module-registry";

/** FSM modules a user links to a parent by hand, and the CRM modules that can be parents (module registry). */
export const LinkableModule = LINKABLE_MODULES;
export type LinkableModule = keyof typeof LINKABLE_MODULES;
registerEnumType(LinkableModule, { name: "LinkableModule" });

export const ParentModule = PARENT_MODULES;
export type ParentModule = keyof typeof PARENT_MODULES;
registerEnumType(ParentModule, { name: "ParentModule" });

/** Linking existing Requests, Estimates and Work Orders to one Deal or Sales Order. */
@Authorized(Permission.FsmAccess)
@Resolver()
export class ParentLinkResolver {
  @Mutation(() => ParentLink, {
    description:
      "Links an FSM record to a Deal or Sales Order; refused with CONFLICT if it already has one, and with CROSS_CUSTOMER_LINK if the parent's " +
      "Account is not synced with the record's Company, unless allowOtherCustomer is true (the timeline then says it was confirmed).",
  })
  linkToParent(
    @Arg("fsmModule", () => LinkableModule) fsmModule: LinkableModule,
    @Arg("fsmId", () => ID) fsmId: string,
    @Arg("parentModule", () => ParentModule) parentModule: ParentModule,
    @Arg("parentId", () => ID) parentId: string,
    @Arg("allowOtherCustomer", () => Boolean, { defaultValue: false }) allowOtherCustomer: boolean,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.parentLinks.link(fsmModule, fsmId, parentModule, parentId, { userId: requireViewer(viewer).user.id }, { allowOtherCustomer });
  }

  @Mutation(() => ParentLink, { description: "Frees an FSM record from its Deal or Sales Order; returns the removed link." })
  unlinkFromParent(@Arg("fsmModule", () => LinkableModule) fsmModule: LinkableModule, @Arg("fsmId", () => ID) fsmId: string, @Ctx() { services }: Context) {
    return services.parentLinks.unlink(fsmModule, fsmId);
  }

  @Query(() => [FsmRecordSummary], {
    description:
      "FSM records to link: search by summary, narrow by Company; newest first. Records that already have a parent are marked (parentModule, parentId).",
  })
  async linkableFsmRecords(
    @Arg("module", () => LinkableModule) module: LinkableModule,
    @Arg("search", () => String, { nullable: true }) search: string | null,
    @Arg("companyId", () => ID, { nullable: true }) companyId: string | null,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Ctx() { services }: Context,
  ) {
    const records = await services.parentLinks.linkable(module, search, companyId, first);
    return records.map((r) => Object.assign(new FsmRecordSummary(), r));
  }
}
