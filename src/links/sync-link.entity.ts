import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../common/columns";

/** Per mapped CRM field API name: the CRM and FSM values that agreed at the last sync, and the edit time (ms). */
export type LinkShadow = Record<string, ShadowEntry>;

export interface ShadowEntry {
  crm: unknown;
  fsm: unknown;
  /** When the edit that last crossed was made (ms). */
  time: number;
  /**
   * An edit on one side not synced yet, noticed before a sync write bumped that record's modified time:
   * when it was made, and a hash of the value (the value itself has not crossed, so it is not kept).
   */
  unsynced?: Partial<Record<"CRM" | "FSM", { hash: string; time: number }>>;
}

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
  /** The values that last crossed, per mapped CRM field: how a sync tells which side changed since. Not exposed. */
  @Column({ type: "simple-json", nullable: true }) shadow!: LinkShadow | null;
  @Field(() => String, { nullable: true }) @Column({ type: "varchar", length: 500, nullable: true }) lastSyncError!: string | null;
  @Field(() => Date) @TimestampColumn() createdTime!: Date;
  @Field(() => Date) @TimestampColumn() modifiedTime!: Date;
}
