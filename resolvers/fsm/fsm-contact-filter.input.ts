import { Field, ID, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "class-validator";
import { RecordFilter } from "../common/record-filter.input";

@InputType()
export class FsmContactFilter extends RecordFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) companyId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) email?: string;
  protected searchFields() {
    return ["lastName", "firstName", "email"];
  }
}
