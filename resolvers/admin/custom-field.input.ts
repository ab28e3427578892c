import { Field, InputType } from "type-graphql";
import { ArrayMaxSize, IsOptional, Length, MaxLength } from "class-validator";
import { FieldDataType, PersonalDataClass, SystemName } from "../../src/fields/field-definition.entity";

@InputType()
export class CustomFieldInput {
  @Field(() => SystemName) system!: SystemName;
  @Field(() => String, { description: "Vendor module API name, e.g. Accounts or Work_Orders." }) @Length(1, 32) module!: string;
  @Field(() => String) @Length(1, 63) apiName!: string;
  @Field(() => String) @Length(1, 128) label!: string;
  @Field(() => FieldDataType) dataType!: FieldDataType;
  @Field(() => Boolean, { defaultValue: false }) mandatory!: boolean;
  @Field(() => PersonalDataClass, { defaultValue: PersonalDataClass.NONE }) personalData!: PersonalDataClass;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(200) @MaxLength(128, { each: true }) picklistValues?: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) lookupModule?: string;
}
