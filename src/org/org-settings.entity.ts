import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../common/columns";
import { Edition, InstallMode, InstallState } from "./install-state";

/** Organisation-wide facts the integration depends on (a single row). */
@ObjectType()
@Entity("gw_org_settings")
export class OrgSettings {
  @PrimaryColumn({ type: "varchar", length: 16 }) id!: string;
  @Field(() => Boolean, { description: "The CRM is integrated with a finance suite: direct two-way sync is off." })
  @Column({ type: "boolean", default: false })
  financeSuiteIntegrated!: boolean;
  @Field(() => Edition) @Column({ type: "varchar", length: 16, default: Edition.STANDARD }) crmEdition!: Edition;
  @Field(() => Edition) @Column({ type: "varchar", length: 16, default: Edition.STANDARD }) fsmEdition!: Edition;
  @Field(() => InstallState) @Column({ type: "varchar", length: 16, default: InstallState.NOT_INSTALLED }) installState!: InstallState;
  @Field(() => InstallMode) @Column({ type: "varchar", length: 16, default: InstallMode.ALL_USERS }) installMode!: InstallMode;
  @Field(() => [String], { nullable: true, description: "With CHOSEN_PROFILES: the CRM profiles that get the integration." })
  @Column({ type: "simple-json", nullable: true })
  installProfiles!: string[] | null;
  @Field(() => String, { nullable: true, description: "Why the integration is paused or refused." })
  @Column({ type: "varchar", length: 255, nullable: true })
  statusReason!: string | null;
  @Field(() => String, { nullable: true, description: "Overrides CRM_BASE_URL for deep links." })
  @Column({ type: "varchar", length: 255, nullable: true })
  crmBaseUrl!: string | null;
  @Field(() => String, { nullable: true, description: "Overrides FSM_BASE_URL for deep links." })
  @Column({ type: "varchar", length: 255, nullable: true })
  fsmBaseUrl!: string | null;
  @Field(() => Date) @TimestampColumn() modifiedTime!: Date;
  @Field(() => String, { nullable: true }) @Column({ type: "varchar", length: 36, nullable: true }) modifiedBy!: string | null;
}
