import { Field, ID, Int, ObjectType } from "type-graphql";
import { failureLogCsvPath } from "../../src/http/sync-log.router";

/** A run's failed records that share a reason: one downloadable log, named by its Log Id. */
@ObjectType({ description: "A run's failed records that share a reason: one downloadable log." })
export class SyncFailureGroup {
  @Field(() => ID, { description: "The Log Id: the reason code, unique within its run." }) logId!: string;
  @Field(() => String, { description: "e.g. MANDATORY_NOT_FOUND, DUPLICATE_DATA" }) reason!: string;
  @Field(() => Int) count!: number;
  @Field(() => String, { description: "The group's CSV, a path on the gateway (admin bearer token required)." }) downloadUrl!: string;
}

export function failureGroupOf(syncId: string, group: { reason: string | null; count: number }): SyncFailureGroup {
  const reason = group.reason ?? "UNKNOWN";
  return Object.assign(new SyncFailureGroup(), { logId: reason, reason, count: group.count, downloadUrl: failureLogCsvPath(syncId, reason) });
}
