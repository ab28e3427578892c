import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission, requireViewer } from "../../src/access/viewer";
import { HeldDeletion, HeldDeletionState } from "../../src/sync/outbox/held-deletion.entity";
import { MassDeleteGuard } from "../../src/sync/mass-delete-guard";

/** The mass-delete guard's held deletions: admin-only, every decision audited. */
@Authorized(Permission.Admin)
@Resolver()
export class HeldDeletionsResolver {
  @Query(() => [HeldDeletion], { description: "Deletions held by the mass-delete guard, newest first; all states when state is omitted." })
  heldDeletions(
    @Arg("state", () => HeldDeletionState, { nullable: true }) state: HeldDeletionState | null | undefined,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Ctx() { services }: Context,
  ) {
    return new MassDeleteGuard(services).list(state ?? null, first);
  }

  @Mutation(() => HeldDeletion, { description: "Lets held deletions through: the counterparts are deleted as the deletion preference says." })
  confirmHeldDeletions(@Arg("id", () => ID) id: string, @Ctx() { services, viewer }: Context) {
    return new MassDeleteGuard(services).confirm(id, requireViewer(viewer).user.id);
  }

  @Mutation(() => HeldDeletion, { description: "Throws held deletions away: they are never applied." })
  discardHeldDeletions(@Arg("id", () => ID) id: string, @Ctx() { services, viewer }: Context) {
    return new MassDeleteGuard(services).discard(id, requireViewer(viewer).user.id);
  }
}
