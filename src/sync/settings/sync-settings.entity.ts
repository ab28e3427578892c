import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../../common/columns";
import { SyncPair } from "../sync-pair";

export enum SyncDirection {
  TWO_WAY = "TWO_WAY",
  CRM_TO_FSM = "CRM_TO_FSM",
  FSM_TO_CRM = "FSM_TO_CRM",
}
registerEnumType(SyncDirection, { name: "SyncDirection" });

export enum DeletionPreference {
  /** Delete the linked record on the other side. */
  DELETE = "DELETE",
  /** Keep it, and suspend the link until a manual sync or an edit resumes it. */
  SUSPEND = "SUSPEND",
}
registerEnumType(DeletionPreference, { name: "DeletionPreference" });

/** How one module pair syncs. */
@ObjectType()
@Entity("gw_sync_settings")
export class SyncSettings {
  @Field(() => SyncPair) @PrimaryColumn({ type: "varchar", length: 40 }) pair!: SyncPair;
  @Field(() => Boolean) @Column({ type: "boolean", default: true }) enabled!: boolean;
  @Field(() => SyncDirection) @Column({ type: "varchar", length: 16, default: SyncDirection.TWO_WAY }) direction!: SyncDirection;
  @Field(() => DeletionPreference, { description: "What happens to the FSM record when its CRM record is deleted." })
  @Column({ type: "varchar", length: 16, default: DeletionPreference.SUSPEND })
  onCrmDelete!: DeletionPreference;
  @Field(() => DeletionPreference, { description: "What happens to the CRM record when its FSM record is deleted." })
  @Column({ type: "varchar", length: 16, default: DeletionPreference.SUSPEND })
  onFsmDelete!: DeletionPreference;
  @Field(() => String, { nullable: true, description: "Accounts and Contacts: only records in this CRM view sync from the CRM." })
  @Column({ type: "varchar", length: 36, nullable: true })
  crmViewId!: string | null;
  @Field(() => Date) @TimestampColumn() modifiedTime!: Date;
  @Field(() => String, { nullable: true }) @Column({ type: "varchar", length: 36, nullable: true }) modifiedBy!: string | null;
}
