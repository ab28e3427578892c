import { Field, InputType } from "type-graphql";
import { IsIn, IsOptional } from "class-validator";
import { RecordFilter } from "../common/record-filter.input";

@InputType()
export class ProductFilter extends RecordFilter {
  @Field(() => String, { nullable: true, description: "Service or Goods" }) @IsOptional() @IsIn(["Service", "Goods"]) type?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() productActive?: boolean;
  protected searchFields() {
    return ["productName", "productCode"];
  }
}
