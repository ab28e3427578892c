import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../../common/columns";
import { SystemName } from "../../fields/field-definition.entity";

export enum HeldDeletionState {
  /** Waiting for an admin: its outbox entries are HELD and never claimed. */
  HELD = "HELD",
  /** An admin let the deletions through: the entries went back to PENDING. */
  CONFIRMED = "CONFIRMED",
  /** An admin threw the deletions away: the entries are DROPPED and never applied. */
  DISCARDED = "DISCARDED",
}
registerEnumType(HeldDeletionState, { name: "HeldDeletionState", description: "Where a batch of held deletions stands." });

/**
 * The mass-delete guard's hold: the deletions one change-feed announcement brought in, held because they (with
 * the module's other recent deletions) would delete more than the allowed share of the module's linked records.
 */
@ObjectType({ description: "Deletions announced by a change feed and held for an admin to confirm or discard." })
@Entity("gw_held_deletion")
@Index(["state", "createdTime"])
@Index(["side", "module", "decidedTime"])
export class HeldDeletion {
  @Field(() => ID) @PrimaryColumn({ type: "varchar", length: 36 }) id!: string;
  @Field(() => SystemName, { description: "The system whose change feed announced the deletions." })
  @Column({ type: "varchar", length: 8 })
  side!: SystemName;
  @Field(() => String, { description: "The announcing system's module, e.g. Accounts." }) @Column({ type: "varchar", length: 32 }) module!: string;
  @Field(() => Int, { description: "Deletions held in this batch (one per announced record)." }) @Column({ type: "integer" }) count!: number;
  @Field(() => Int, { description: "Deletions of linked records announced for the module within the window, this batch's included." })
  @Column({ type: "integer" })
  windowCount!: number;
  @Field(() => Int, { description: "The module's linked records when the batch was held (those deleted within the window included)." })
  @Column({ type: "integer" })
  linkedCount!: number;
  @Field(() => [ID], { description: "The announced record ids (of `side`'s module)." }) @Column({ type: "simple-json" }) recordIds!: string[];
  /** The held outbox entries. */
  @Column({ type: "simple-json" }) entryIds!: number[];
  @Field(() => HeldDeletionState) @Column({ type: "varchar", length: 16, default: HeldDeletionState.HELD }) state!: HeldDeletionState;
  @Field(() => Date) @TimestampColumn() createdTime!: Date;
  @Field(() => String, { nullable: true, description: "The admin who confirmed or discarded it." })
  @Column({ type: "varchar", length: 36, nullable: true })
  decidedBy!: string | null;
  @Field(() => Date, { nullable: true }) @TimestampColumn({ nullable: true }) decidedTime!: Date | null;
}
