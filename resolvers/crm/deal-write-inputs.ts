import { Field, ID, InputType } from "type-graphql";
import { IsOptional, Length, Matches, MaxLength } from "class-validator";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: "$property must be a date as YYYY-MM-DD" };

/** A Deal made in the CRM. Stage: one of the Deals Stage picklist's values; amount exact to the cent, not negative. */
@InputType()
export class CreateDealInput {
  @Field(() => String) @Length(1, 255) dealName!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) stage?: string | null;
  @Field(() => Number, { nullable: true }) @IsOptional() amount?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, DATE_MESSAGE) closingDate?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) accountId?: string | null;
  @Field(() => ID, { nullable: true, description: "Must be of the Deal's Account when both are set." }) @IsOptional() @MaxLength(36) contactId?: string | null;
}

/** Changes to a Deal: absent fields stay as they are, null clears. */
@InputType()
export class UpdateDealInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) dealName?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) stage?: string | null;
  @Field(() => Number, { nullable: true }) @IsOptional() amount?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, DATE_MESSAGE) closingDate?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) accountId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) contactId?: string | null;
}
