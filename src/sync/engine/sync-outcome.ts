import { Field, ID, Int, ObjectType } from "type-graphql";
import { SyncStatus } from "../history/sync-event.entity";
import type { SyncReason } from "../sync-reason";

/** What became of one change's sync, as a mutation payload or the subscription reports it. */
@ObjectType()
export class SyncOutcome {
  @Field(() => Int, { nullable: true, description: "The outbox entry of the change." }) entryId!: number | null;
  @Field(() => SyncStatus) status!: SyncStatus;
  @Field(() => String, { nullable: true, description: "e.g. COUNTERPART_CREATED, NO_CHANGES, MANDATORY_NOT_FOUND" }) reason!: SyncReason | null;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => ID, { nullable: true }) crmId!: string | null;
  @Field(() => ID, { nullable: true }) fsmId!: string | null;
}

export function outcome(values: SyncOutcome): SyncOutcome {
  return Object.assign(new SyncOutcome(), values);
}
