import { Field, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "class-validator";
import { RecordFilter } from "../common/record-filter.input";

@InputType()
export class AccountFilter extends RecordFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) industry?: string;
  protected searchFields() {
    return ["accountName", "website", "phone"];
  }
}
