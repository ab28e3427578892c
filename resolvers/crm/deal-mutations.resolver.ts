import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { requireViewer } from "../../src/access/viewer";
import { Deal } from "../../src/crm/entities/deal.entity";
import { definedOnly } from "../common/defined-only";
import { CreateDealInput, UpdateDealInput } from "./deal-write-inputs";

/** Deals written from the CRM side: any signed-in user, as for the other CRM writes (no FSM permission). */
@Authorized()
@Resolver()
export class DealMutationsResolver {
  @Mutation(() => Deal)
  createDeal(@Arg("input", () => CreateDealInput) input: CreateDealInput, @Ctx() { services, viewer }: Context) {
    return services.deals.create({ ...definedOnly(input), dealName: input.dealName }, { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => Deal, { description: "Partial; refused with CONFLICT when the Deal's version is no longer expectedVersion." })
  updateDeal(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => UpdateDealInput) input: UpdateDealInput,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.deals.update(id, expectedVersion, definedOnly(input), { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => ID, { description: "Returns the deleted id. Refused with PARENT_OF_FSM_RECORDS while FSM records belong to the Deal." })
  deleteDeal(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() { services, viewer }: Context,
  ) {
    requireViewer(viewer);
    return services.deals.delete(id, expectedVersion ?? null);
  }
}
