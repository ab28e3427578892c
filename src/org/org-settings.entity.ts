import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../common/columns";

/** Organisation-wide facts the integration depends on (a single row). */
@ObjectType()
@Entity("gw_org_settings")
export class OrgSettings {
  @PrimaryColumn({ type: "varchar", length: 16 }) id!: string;
  @Field(() => Boolean, { description: "The CRM is integrated with a finance suite: direct two-way sync is off." })
  @Column({ type: "boolean", default: false })
  financeSuiteIntegrated!: boolean;
  @Field(() => Date) @TimestampColumn() modifiedTime!: Date;
  @Field(() => String, { nullable: true }) @Column({ type: "varchar", length: 36, nullable: true }) modifiedBy!: string | null;
}
