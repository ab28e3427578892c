import { Field, InputType } from "type-graphql";
import { IsIn, IsOptional } from "class-validator";
import { RecordFilter } from "../common/record-filter.input";

@InputType()
export class ServiceAndPartFilter extends RecordFilter {
  @Field(() => String, { nullable: true, description: "Service or Part" }) @IsOptional() @IsIn(["Service", "Part"]) type?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() active?: boolean;
  protected searchFields() {
    return ["name", "sku"];
  }
}
