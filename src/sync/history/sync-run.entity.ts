import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../../common/columns";

export enum SyncRunKind {
  /** Collects the instant syncs of one UTC day. */
  DAILY = "DAILY",
  INITIAL = "INITIAL",
}
registerEnumType(SyncRunKind, { name: "SyncRunKind" });

/** A sync log: its id is the Sync Id shown in the history. */
@ObjectType()
@Entity("gw_sync_run")
@Index(["startedTime"])
export class SyncRun {
  @Field(() => ID, { description: "The Sync Id." }) @PrimaryColumn({ type: "varchar", length: 40 }) id!: string;
  @Field(() => SyncRunKind) @Column({ type: "varchar", length: 16 }) kind!: SyncRunKind;
  @Field(() => Date) @TimestampColumn() startedTime!: Date;
  @Field(() => Date) @TimestampColumn() endsTime!: Date;
  @Field(() => Date, { nullable: true, description: "When a daily run was closed, by the rollover after its day ended; null while it is open." })
  @TimestampColumn({ nullable: true })
  closedTime!: Date | null;
}
