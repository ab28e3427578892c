import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum SystemName {
  CRM = "CRM",
  FSM = "FSM",
}
registerEnumType(SystemName, { name: "SystemName", description: "Which system a module or field belongs to." });

export enum PersonalDataClass {
  NONE = "NONE",
  NORMAL = "NORMAL",
  SENSITIVE = "SENSITIVE",
}
registerEnumType(PersonalDataClass, { name: "PersonalDataClass" });

export enum FieldDataType {
  TEXT = "TEXT",
  TEXTAREA = "TEXTAREA",
  EMAIL = "EMAIL",
  PHONE = "PHONE",
  URL = "URL",
  INTEGER = "INTEGER",
  DECIMAL = "DECIMAL",
  CURRENCY = "CURRENCY",
  BOOLEAN = "BOOLEAN",
  DATE = "DATE",
  DATETIME = "DATETIME",
  PICKLIST = "PICKLIST",
  LOOKUP = "LOOKUP",
}
registerEnumType(FieldDataType, { name: "FieldDataType" });

/** One field of one module, standard or admin-defined, with what sync and validation need to know about it. */
@ObjectType()
@Entity("gw_field_definition")
@Index(["system", "module", "apiName"], { unique: true })
export class FieldDefinition {
  @Field(() => ID) @PrimaryColumn({ type: "varchar", length: 36 }) id!: string;
  @Field(() => SystemName) @Column({ type: "varchar", length: 8 }) system!: SystemName;
  @Field(() => String) @Column({ type: "varchar", length: 32 }) module!: string;
  @Field(() => String, { description: "Vendor API name, e.g. Account_Name." }) @Column({ type: "varchar", length: 64 }) apiName!: string;
  @Field(() => String, { description: "GraphQL field name, e.g. accountName; custom fields live under customFields." })
  @Column({ type: "varchar", length: 64 })
  fieldName!: string;
  @Field(() => String) @Column({ type: "varchar", length: 128 }) label!: string;
  @Field(() => FieldDataType) @Column({ type: "varchar", length: 16 }) dataType!: FieldDataType;
  @Field(() => Boolean) @Column({ type: "boolean", default: false }) mandatory!: boolean;
  @Field(() => PersonalDataClass) @Column({ type: "varchar", length: 16, default: PersonalDataClass.NONE }) personalData!: PersonalDataClass;
  @Field(() => [String], { nullable: true }) @Column({ type: "simple-json", nullable: true }) picklistValues!: string[] | null;
  @Field(() => String, { nullable: true, description: "Target module of a lookup field." })
  @Column({ type: "varchar", length: 32, nullable: true })
  lookupModule!: string | null;
  @Field(() => Boolean) @Column({ type: "boolean", default: false }) isCustom!: boolean;
}
