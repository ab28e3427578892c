import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../common/columns";
import { ConversionSource, ConversionTarget, type ConversionFieldSpec } from "./conversion-pairs";

@ObjectType()
export class ConversionField {
  @Field(() => String, { nullable: true, description: "CRM field API name; null when the target takes only a default." }) sourceField!: string | null;
  @Field(() => String, { description: "FSM field API name" }) targetField!: string;
  @Field(() => String, { nullable: true }) defaultValue!: string | null;
}

/** Which CRM fields prefill which FSM fields when an FSM record is created from a CRM record. */
@ObjectType()
@Entity("gw_conversion_mapping")
export class ConversionMapping {
  @Field(() => ConversionSource) @PrimaryColumn({ type: "varchar", length: 32 }) source!: ConversionSource;
  @Field(() => ConversionTarget) @PrimaryColumn({ type: "varchar", length: 32 }) target!: ConversionTarget;
  @Field(() => [ConversionField]) @Column({ type: "simple-json" }) fields!: ConversionFieldSpec[];
  @Field(() => Date) @TimestampColumn() modifiedTime!: Date;
  @Field(() => String, { nullable: true }) @Column({ type: "varchar", length: 36, nullable: true }) modifiedBy!: string | null;
}
