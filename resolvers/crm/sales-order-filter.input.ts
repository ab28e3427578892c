import { Field, ID, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "class-validator";
import { RecordFilter } from "../common/record-filter.input";

@InputType()
export class SalesOrderFilter extends RecordFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) status?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) accountId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) dealId?: string;
  protected searchFields() {
    return ["subject"];
  }
}
