import { Field, ID, InputType } from "type-graphql";
import { IsOptional, Length, Matches, MaxLength } from "class-validator";
import { GraphQLJSONObject } from "graphql-scalars";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: "$property must be a date as YYYY-MM-DD" };

/** The user's own values for a new Request; they override the prefill. */
@InputType()
export class RequestInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) summary?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(16) priority?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) phone?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, DATE_MESSAGE) dueDate?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, DATE_MESSAGE) preferredDate?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(16) preferredTime?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) assetId?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) @IsOptional() customFields?: Record<string, unknown>;
}

@InputType()
export class EstimateInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) summary?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) status?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, DATE_MESSAGE) expiryDate?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) @IsOptional() customFields?: Record<string, unknown>;
}

@InputType()
export class WorkOrderInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) summary?: string;
  @Field(() => String, { nullable: true, description: "Service or Inspection" }) @IsOptional() @MaxLength(16) type?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(16) priority?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, DATE_MESSAGE) dueDate?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) assetId?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) @IsOptional() customFields?: Record<string, unknown>;
}

@InputType()
export class AssetInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) assetNumber?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(128) serial?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) serviceAndPartId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, DATE_MESSAGE) installationDate?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, DATE_MESSAGE) warrantyExpiry?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) @IsOptional() customFields?: Record<string, unknown>;
}
