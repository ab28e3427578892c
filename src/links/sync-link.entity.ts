import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../common/columns";

export enum LinkStatus {
  ACTIVE = "ACTIVE",
  /** Left out of sync after a deletion on the other side, until a manual sync or an edit resumes it. */
  SUSPENDED = "SUSPENDED",
}
registerEnumType(LinkStatus, { name: "LinkStatus" });

/** Pairs one CRM record with one FSM record: Account ↔ Company, Contact ↔ Contact, Product ↔ Service And Part. */
@ObjectType()
@Entity("gw_sync_link")
@Index(["crmModule", "crmId"], { unique: true })
@Index(["fsmModule", "fsmId"], { unique: true })
export class SyncLink {
  @Field(() => ID) @PrimaryColumn({ type: "varchar", length: 36 }) id!: string;
  @Field(() => String) @Column({ type: "varchar", length: 32 }) crmModule!: string;
  @Field(() => ID) @Column({ type: "varchar", length: 36 }) crmId!: string;
  @Field(() => String) @Column({ type: "varchar", length: 32 }) fsmModule!: string;
  @Field(() => ID) @Column({ type: "varchar", length: 36 }) fsmId!: string;
  @Field(() => LinkStatus) @Column({ type: "varchar", length: 16, default: LinkStatus.ACTIVE }) status!: LinkStatus;
  @Field(() => Date, { nullable: true }) @TimestampColumn({ nullable: true }) lastSyncTime!: Date | null;
  @Field(() => String, { nullable: true, description: "SYNCED, PENDING or FAILED" })
  @Column({ type: "varchar", length: 16, nullable: true })
  lastSyncStatus!: string | null;
  @Field(() => Date) @TimestampColumn() createdTime!: Date;
  @Field(() => Date) @TimestampColumn() modifiedTime!: Date;
}
