import { Field, ID, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "class-validator";
import { RecordFilter } from "../common/record-filter.input";

@InputType()
export class ServiceAppointmentFilter extends RecordFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) status?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) workOrderId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) technician?: string;
  protected searchFields() {
    return ["summary", "technician"];
  }
}
