import { Field, ID, InputType } from "type-graphql";
import { IsEmail, IsIn, IsOptional, Length, MaxLength, Min, ValidateNested } from "class-validator";
import { GraphQLJSONObject } from "graphql-scalars";
import { AddressInput } from "../common/address.input";

@InputType()
export class CompanyInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) companyName?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() @MaxLength(255) email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) mobile?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) website?: string | null;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() serviceAddress?: AddressInput;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() billingAddress?: AddressInput;
  @Field(() => GraphQLJSONObject, { nullable: true }) @IsOptional() customFields?: Record<string, unknown>;
}

@InputType()
export class FsmContactInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) lastName?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) firstName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() @MaxLength(255) email?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) mobile?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) companyId?: string | null;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() address?: AddressInput;
  @Field(() => GraphQLJSONObject, { nullable: true }) @IsOptional() customFields?: Record<string, unknown>;
}

@InputType()
export class ServiceAndPartInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) name?: string;
  @Field(() => String, { nullable: true, description: "Service or Part" }) @IsOptional() @IsIn(["Service", "Part"]) type?: string;
  @Field(() => Number, { nullable: true }) @IsOptional() @Min(0) unitPrice?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) unit?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32000) description?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) sku?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() active?: boolean;
  @Field(() => GraphQLJSONObject, { nullable: true }) @IsOptional() customFields?: Record<string, unknown>;
}
