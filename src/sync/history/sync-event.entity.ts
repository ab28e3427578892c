import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";
import { TimestampColumn } from "../../common/columns";
import { SyncPair } from "../sync-pair";
import { bySide, type Side } from "../../common/side";
import type { SyncReason } from "../sync-reason";

export enum SyncFlow {
  CRM_TO_FSM = "CRM_TO_FSM",
  FSM_TO_CRM = "FSM_TO_CRM",
}
registerEnumType(SyncFlow, { name: "SyncFlow", description: "Which way a sync went." });

/** The flow of a sync that starts on `side`. */
export function flowFrom(side: Side): SyncFlow {
  return bySide(side, { CRM: SyncFlow.CRM_TO_FSM, FSM: SyncFlow.FSM_TO_CRM });
}

export enum SyncStatus {
  SYNCED = "SYNCED",
  SKIPPED = "SKIPPED",
  FAILED = "FAILED",
  /** Committed, not yet synced: the worker will. */
  PENDING = "PENDING",
}
registerEnumType(SyncStatus, { name: "SyncStatus" });

/** One record's sync: the history's unit. Holds ids, field names and reasons, never field values. */
@ObjectType()
@Entity("gw_sync_event")
@Index(["runId", "status", "reason"])
@Index(["crmId"])
@Index(["fsmId"])
export class SyncEvent {
  @Field(() => ID) @PrimaryColumn({ type: "varchar", length: 36 }) id!: string;
  @Field(() => String) @Column({ type: "varchar", length: 40 }) runId!: string;
  @Field(() => Int, { nullable: true }) @Column({ type: "integer", nullable: true }) entryId!: number | null;
  @Field(() => SyncPair) @Column({ type: "varchar", length: 40 }) pair!: SyncPair;
  @Field(() => SyncFlow) @Column({ type: "varchar", length: 16 }) flow!: SyncFlow;
  @Field(() => String) @Column({ type: "varchar", length: 8 }) operation!: string;
  @Field(() => ID, { nullable: true }) @Column({ type: "varchar", length: 36, nullable: true }) crmId!: string | null;
  @Field(() => ID, { nullable: true }) @Column({ type: "varchar", length: 36, nullable: true }) fsmId!: string | null;
  @Field(() => SyncStatus) @Column({ type: "varchar", length: 8 }) status!: SyncStatus;
  @Field(() => String, { nullable: true, description: "Why it was skipped or failed, e.g. MANDATORY_NOT_FOUND." })
  @Column({ type: "varchar", length: 40, nullable: true })
  reason!: SyncReason | null;
  @Field(() => String, { nullable: true }) @Column({ type: "varchar", length: 500, nullable: true }) message!: string | null;
  @Field(() => Int, { description: "Mapped personal fields left out by a personal-data restriction." })
  @Column({ type: "integer", default: 0 })
  skippedPersonalFields!: number;
  @Field(() => [GraphQLJSONObject], { description: "Fields edited on both sides since the last sync: {field, winner}." })
  @Column({ type: "simple-json", nullable: true })
  conflicts!: { field: string; winner: string }[] | null;
  @Field(() => Date) @TimestampColumn() time!: Date;
}
