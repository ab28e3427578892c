import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../common/columns";

/** What happened to an FSM record: sync failures, and (later) created from, linked to, converted from. */
@ObjectType()
@Entity("gw_timeline_entry")
@Index(["fsmModule", "fsmId", "time"])
export class TimelineEntry {
  @Field(() => ID) @PrimaryColumn({ type: "varchar", length: 36 }) id!: string;
  @Field(() => String) @Column({ type: "varchar", length: 32 }) fsmModule!: string;
  @Field(() => ID) @Column({ type: "varchar", length: 36 }) fsmId!: string;
  @Field(() => String, { description: "e.g. SYNC_FAILED" }) @Column({ type: "varchar", length: 32 }) kind!: string;
  @Field(() => String) @Column({ type: "varchar", length: 500 }) message!: string;
  @Field(() => Date) @TimestampColumn() time!: Date;
}
