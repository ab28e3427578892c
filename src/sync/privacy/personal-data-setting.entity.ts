import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../../common/columns";
import { SystemName } from "../../fields/field-definition.entity";

/**
 * What personal data may leave a system. CRM: per module, "restrict data transfer" for Normal and/or
 * Sensitive fields. FSM: one org-wide switch, "personal data access through the API" (module "*").
 */
@ObjectType()
@Entity("gw_personal_data_setting")
export class PersonalDataSetting {
  @Field(() => SystemName) @PrimaryColumn({ type: "varchar", length: 8 }) system!: SystemName;
  @Field(() => String, { description: "A CRM module, or * for the whole FSM org." }) @PrimaryColumn({ type: "varchar", length: 32 }) module!: string;
  @Field(() => Boolean) @Column({ type: "boolean", default: false }) restrictNormal!: boolean;
  @Field(() => Boolean) @Column({ type: "boolean", default: false }) restrictSensitive!: boolean;
  @Field(() => Date) @TimestampColumn() modifiedTime!: Date;
  @Field(() => String, { nullable: true }) @Column({ type: "varchar", length: 36, nullable: true }) modifiedBy!: string | null;
}
