import { Field, InputType } from "type-graphql";
import { IsOptional, Length, MaxLength } from "class-validator";
import { GraphQLJSONObject } from "graphql-scalars";

@InputType()
export class FieldMappingInput {
  @Field(() => String, { description: "CRM field API name" }) @Length(1, 64) crmField!: string;
  @Field(() => String, { description: "FSM field API name" }) @Length(1, 64) fsmField!: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: "Picklist translation, CRM value → FSM value." }) @IsOptional() valueMap?: Record<
    string,
    string
  > | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(128) fsmDefault?: string | null;
}
