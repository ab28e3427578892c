import { Field, InputType } from "type-graphql";
import { IsOptional, Length, MaxLength } from "class-validator";

@InputType()
export class ConversionFieldInput {
  @Field(() => String, { nullable: true, description: "CRM field API name; omit to give the target a default only." })
  @IsOptional()
  @Length(1, 64)
  sourceField?: string | null;
  @Field(() => String, { description: "FSM field API name" }) @Length(1, 64) targetField!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) defaultValue?: string | null;
}
