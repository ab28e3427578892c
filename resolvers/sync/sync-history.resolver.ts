import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission } from "../../src/access/viewer";
import { NotFoundError } from "../../src/errors/app-error";
import { SyncRun } from "../../src/sync/history/sync-run.entity";
import { SyncEvent } from "../../src/sync/history/sync-event.entity";
import { failuresCsvPath } from "../../src/http/sync-log.router";
import { SyncFlowCounts, flowCountsOf } from "./sync-flow-counts.type";
import { SyncFailureGroup, failureGroupOf } from "./sync-failure-group.type";

const MAX_RUNS = 100;

/** The sync history: runs by Sync Id, newest first. Admin only, like all sync configuration. */
@Authorized(Permission.Admin)
@Resolver()
export class SyncHistoryResolver {
  @Query(() => [SyncRun], { description: "Sync runs, newest first; `before` pages back by start time." })
  syncRuns(
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("before", () => Date, { nullable: true }) before: Date | null,
    @Ctx() { services }: Context,
  ) {
    return services.history.runs(Math.min(Math.max(first, 1), MAX_RUNS), before);
  }

  @Query(() => SyncRun, { description: "One run by its Sync Id, e.g. SYNC-20261125." })
  async syncRun(@Arg("id", () => ID) id: string, @Ctx() { services }: Context) {
    const run = await services.history.run(id);
    if (!run) throw new NotFoundError("Sync run", id);
    return run;
  }
}

@Authorized(Permission.Admin)
@Resolver(() => SyncRun)
export class SyncRunFieldsResolver {
  @FieldResolver(() => [SyncFlowCounts], { description: "Synced, skipped and failed records per direction (CRM_TO_FSM, FSM_TO_CRM)." })
  async counts(@Root() run: SyncRun, @Ctx() { loaders }: Context) {
    return flowCountsOf(await loaders.syncRunCounts().load(run.id));
  }

  @FieldResolver(() => [SyncFailureGroup], { description: "Failed records grouped by reason, each a downloadable log." })
  async failureGroups(@Root() run: SyncRun, @Ctx() { services }: Context) {
    return (await services.history.failureGroups(run.id)).map((group) => failureGroupOf(run.id, group));
  }

  @FieldResolver(() => String, { description: "Every failed record of the run as CSV, a path on the gateway (admin bearer token required)." })
  failuresDownloadUrl(@Root() run: SyncRun) {
    return failuresCsvPath(run.id);
  }

  @FieldResolver(() => [SyncEvent], { description: "The run's failed records, oldest first; `reason` narrows to one group." })
  failures(@Root() run: SyncRun, @Arg("reason", () => String, { nullable: true }) reason: string | null, @Ctx() { services }: Context) {
    return services.history.failures(run.id, reason);
  }
}
