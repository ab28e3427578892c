import { Field, ID, InputType } from "type-graphql";
import { IsEmail, IsIn, IsOptional, Length, MaxLength, Min, ValidateNested } from "class-validator";
import { GraphQLJSONObject } from "graphql-scalars";
import { AddressInput } from "../common/address.input";

/** Fields for creating or updating an Account; on update, absent fields stay as they are. */
@InputType()
export class AccountInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) accountName?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) website?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) industry?: string | null;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() billingAddress?: AddressInput;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() shippingAddress?: AddressInput;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32000) description?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) @IsOptional() customFields?: Record<string, unknown>;
}

@InputType()
export class CrmContactInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) lastName?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) firstName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() @MaxLength(255) email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) mobile?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) accountId?: string | null;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() mailingAddress?: AddressInput;
  @Field(() => GraphQLJSONObject, { nullable: true }) @IsOptional() customFields?: Record<string, unknown>;
}

@InputType()
export class ProductInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) productName?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) productCode?: string | null;
  @Field(() => Number, { nullable: true }) @IsOptional() @Min(0) unitPrice?: number | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() productActive?: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32000) description?: string | null;
  @Field(() => String, { nullable: true, description: "Service or Goods" }) @IsOptional() @IsIn(["Service", "Goods", null]) type?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) @IsOptional() customFields?: Record<string, unknown>;
}
