import { Field, ObjectType, type ClassType } from "type-graphql";
import { SyncOutcome } from "../../src/sync/engine/sync-outcome";

/** `<Type>Payload { record sync }`: the written record and what became of its sync. */
export function WritePayload<T extends object>(recordType: ClassType<T>) {
  @ObjectType(`${recordType.name}Payload`)
  class Payload {
    @Field(() => recordType, { nullable: true, description: "The record as written; null after a delete." }) record!: T | null;
    @Field(() => SyncOutcome) sync!: SyncOutcome;
  }
  return Payload;
}
