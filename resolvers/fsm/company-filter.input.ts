import { Field, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "class-validator";
import { RecordFilter } from "../common/record-filter.input";

@InputType()
export class CompanyFilter extends RecordFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) email?: string;
  protected searchFields() {
    return ["companyName", "email", "phone"];
  }
}
