import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";
import { TimestampColumn } from "../../common/columns";

/** Audit trail of configuration: who changed which setting, when, from what to what. */
@ObjectType()
@Entity("gw_settings_change")
@Index(["time"])
export class SettingsChange {
  @Field(() => ID) @PrimaryColumn({ type: "varchar", length: 36 }) id!: string;
  @Field(() => String, { description: "e.g. syncSettings:ACCOUNTS_COMPANIES, fieldMappings:…, personalData:CRM:Contacts" })
  @Column({ type: "varchar", length: 80 })
  subject!: string;
  @Field(() => GraphQLJSONObject) @Column({ type: "simple-json" }) before!: Record<string, unknown>;
  @Field(() => GraphQLJSONObject) @Column({ type: "simple-json" }) after!: Record<string, unknown>;
  @Field(() => String) @Column({ type: "varchar", length: 36 }) userId!: string;
  @Field(() => Date) @TimestampColumn() time!: Date;
}
