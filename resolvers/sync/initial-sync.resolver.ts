import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import type { Context } from "../../src/http/context";
import { Permission, requireViewer } from "../../src/access/viewer";
import { DuplicateMode, InitialSyncJob } from "../../src/sync/initial/initial-sync-job.entity";
import { SyncFlow, SyncStatus } from "../../src/sync/history/sync-event.entity";
import { SyncPair } from "../../src/sync/sync-pair";

@ObjectType()
export class PlannedSyncAction {
  @Field(() => SyncPair) pair!: SyncPair;
  @Field(() => SyncFlow) flow!: SyncFlow;
  @Field(() => ID, { nullable: true }) crmId!: string | null;
  @Field(() => ID, { nullable: true }) fsmId!: string | null;
  @Field(() => SyncStatus) status!: SyncStatus;
  @Field(() => String, { nullable: true, description: "COUNTERPART_CREATED, CLONED, LINKED, OVERWRITTEN, or why it would fail" }) reason!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
}

@ObjectType()
export class InitialSyncDryRun {
  @Field(() => GraphQLJSONObject, { description: "Records by planned action." }) counts!: Record<string, number>;
  @Field(() => [PlannedSyncAction]) sample!: PlannedSyncAction[];
}

/** The initial sync: start it, watch it, or see what it would do. Admin only. */
@Authorized(Permission.Admin)
@Resolver()
export class InitialSyncResolver {
  @Mutation(() => InitialSyncJob, { description: "Starts the initial sync in the background; its id is the Sync Id." })
  startInitialSync(@Arg("duplicateMode", () => DuplicateMode) duplicateMode: DuplicateMode, @Ctx() { services, viewer }: Context) {
    return services.initialSync.start(duplicateMode, requireViewer(viewer).user.id);
  }

  @Query(() => InitialSyncDryRun, { description: "What the initial sync would create, link, overwrite and fail, without writing." })
  initialSyncDryRun(@Arg("duplicateMode", () => DuplicateMode) duplicateMode: DuplicateMode, @Ctx() { services }: Context) {
    return services.initialSync.dryRun(duplicateMode);
  }

  @Query(() => InitialSyncJob) initialSyncJob(@Arg("id", () => ID) id: string, @Ctx() { services }: Context) {
    return services.initialSync.get(id);
  }

  @Query(() => [InitialSyncJob]) initialSyncJobs(@Ctx() { services }: Context) {
    return services.initialSync.list();
  }
}
