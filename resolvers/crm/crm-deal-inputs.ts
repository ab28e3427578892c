import { Field, ID, InputType } from "type-graphql";
import { IsOptional, Length, Matches, MaxLength, Min } from "class-validator";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class DealInput {
  @Field(() => String) @Length(1, 255) dealName!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) stage?: string;
  @Field(() => Number, { nullable: true }) @IsOptional() @Min(0) amount?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, { message: "$property must be a date as YYYY-MM-DD" }) closingDate?: string;
}

@InputType()
export class SalesOrderInput {
  @Field(() => String) @Length(1, 255) subject!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) status?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, { message: "$property must be a date as YYYY-MM-DD" }) dueDate?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) dealId?: string;
}
