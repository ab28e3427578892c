import { Field, ID, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "class-validator";
import { RecordFilter } from "../common/record-filter.input";

/** Filters shared by Requests, Estimates and Work Orders: status, customer, and search in the summary. */
@InputType()
export abstract class CustomerRecordFilter extends RecordFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) status?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) companyId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) contactId?: string;
  protected searchFields() {
    return ["summary"];
  }
}

@InputType()
export class RequestFilter extends CustomerRecordFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(16) priority?: string;
}

@InputType()
export class EstimateFilter extends CustomerRecordFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) requestId?: string;
}

@InputType()
export class WorkOrderFilter extends CustomerRecordFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(16) priority?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(16) type?: string;
}
