import { Field, ID, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "class-validator";
import { RecordFilter } from "../common/record-filter.input";

@InputType()
export class DealFilter extends RecordFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) stage?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) accountId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) contactId?: string;
  protected searchFields() {
    return ["dealName"];
  }
}
