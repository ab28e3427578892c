import { Field, ID, InputType, Int } from "type-graphql";
import { IsIn, IsInt, IsOptional, Length, Matches, MaxLength, Min } from "class-validator";
import { GraphQLJSONObject } from "graphql-scalars";
import { AssetInput, RequestInput, WorkOrderInput } from "./fsm-work-inputs";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: "$property must be a date as YYYY-MM-DD" };
const VERSION_DESCRIPTION = "The record's version as you read it; a stale one is refused with CONFLICT and nothing is written.";

/** Absent fields stay as they are; `status` must be a change its lifecycle allows (docs/workflow.md). */
@InputType()
export class RequestUpdateInput extends RequestInput {
  @Field(() => Int, { description: VERSION_DESCRIPTION }) @IsInt() @Min(1) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) status?: string;
}

/** An Estimate's status moves only by sendEstimate, acceptEstimate, rejectEstimate and its conversion. */
@InputType()
export class EstimateUpdateInput {
  @Field(() => Int, { description: VERSION_DESCRIPTION }) @IsInt() @Min(1) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) summary?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, DATE_MESSAGE) expiryDate?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) @IsOptional() customFields?: Record<string, unknown>;
}

@InputType()
export class WorkOrderUpdateInput extends WorkOrderInput {
  @Field(() => Int, { description: VERSION_DESCRIPTION }) @IsInt() @Min(1) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) status?: string;
}

@InputType()
export class AssetUpdateInput extends AssetInput {
  @Field(() => Int, { description: VERSION_DESCRIPTION }) @IsInt() @Min(1) expectedVersion!: number;
}

/** A visit for a Work Order; it is created Scheduled. */
@InputType()
export class ServiceAppointmentInput {
  @Field(() => ID) @MaxLength(36) workOrderId!: string;
  @Field(() => Date) scheduledStart!: Date;
  @Field(() => Date, { description: "After scheduledStart." }) scheduledEnd!: Date;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) summary?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) technician?: string;
}

/** Entering In Progress records actualStart, Completed or Cannot Complete records actualEnd. */
@InputType()
export class ServiceAppointmentUpdateInput {
  @Field(() => Int, { description: VERSION_DESCRIPTION }) @IsInt() @Min(1) expectedVersion!: number;
  @Field(() => Date, { nullable: true }) @IsOptional() scheduledStart?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() scheduledEnd?: Date;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) status?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) summary?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) technician?: string;
}

/** One line of an Estimate or Work Order; its amount is computed: quantity × list price − discount. */
@InputType()
export class LineItemInput {
  @Field(() => String, { description: "Service or Part" }) @IsIn(["Service", "Part"]) kind!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) serviceAndPartId?: string;
  @Field(() => Number) quantity!: number;
  @Field(() => Number, { nullable: true }) @IsOptional() listPrice?: number;
  @Field(() => Number, { nullable: true }) @IsOptional() discount?: number;
  @Field(() => Number, { nullable: true, description: "An amount, added to the document's tax, not to the line amount." }) @IsOptional() tax?: number;
}
