import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";
import { TimestampColumn } from "../../common/columns";

export enum DuplicateMode {
  /** Create the counterpart anyway: the duplicates exist twice. */
  CLONE = "CLONE",
  /** Link the duplicates and merge them, the CRM value winning where both have one. */
  OVERWRITE = "OVERWRITE",
}
registerEnumType(DuplicateMode, { name: "DuplicateMode" });

export enum JobState {
  RUNNING = "RUNNING",
  COMPLETED = "COMPLETED",
  FAILED = "FAILED",
}
registerEnumType(JobState, { name: "InitialSyncState" });

/** The initial sync as a resumable job: where it is (phase and cursor) is saved with every batch. */
@ObjectType()
@Entity("gw_initial_sync_job")
export class InitialSyncJob {
  @Field(() => ID, { description: "The Sync Id of its history run." }) @PrimaryColumn({ type: "varchar", length: 40 }) id!: string;
  @Field(() => JobState) @Column({ type: "varchar", length: 16 }) state!: JobState;
  @Field(() => DuplicateMode) @Column({ type: "varchar", length: 16 }) duplicateMode!: DuplicateMode;
  @Field(() => Int, { description: "Index of the current phase (pair and side), see `phase`." }) @Column({ type: "integer", default: 0 }) phaseIndex!: number;
  @Column({ type: "varchar", length: 300, nullable: true }) cursor!: string | null;
  @Field(() => Int) @Column({ type: "integer", default: 0 }) done!: number;
  @Field(() => Int) @Column({ type: "integer", default: 0 }) total!: number;
  @Field(() => GraphQLJSONObject, { description: "Records by action: created, cloned, linked, overwritten, failed, skipped." })
  @Column({ type: "simple-json" })
  counts!: Record<string, number>;
  @Field(() => String, { nullable: true }) @Column({ type: "varchar", length: 500, nullable: true }) error!: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: "varchar", length: 36, nullable: true }) startedBy!: string | null;
  @Field(() => Date) @TimestampColumn() startedTime!: Date;
  @Field(() => Date, { nullable: true }) @TimestampColumn({ nullable: true }) finishedTime!: Date | null;
}
