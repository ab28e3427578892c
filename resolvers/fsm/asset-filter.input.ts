import { Field, ID, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "class-validator";
import { RecordFilter } from "../common/record-filter.input";

@InputType()
export class AssetFilter extends RecordFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) companyId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) serviceAndPartId?: string;
  protected searchFields() {
    return ["name", "assetNumber", "serial"];
  }
}
