import { Field, ID, InputType } from "type-graphql";
import { ArrayMaxSize, IsOptional, Length, Matches, MaxLength, ValidateNested } from "class-validator";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: "$property must be a date as YYYY-MM-DD" };
/** More lines than any real order has; bounds the work one request can ask for. */
const MAX_LINES = 200;

/** One product line; its amount (quantity × list price − discount) is computed, never sent. */
@InputType()
export class SalesOrderLineInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) productId?: string | null;
  @Field(() => Number) quantity!: number;
  @Field(() => Number, { nullable: true, description: "Absent: the Product's unit price." }) @IsOptional() listPrice?: number | null;
  @Field(() => Number, { nullable: true }) @IsOptional() discount?: number | null;
  @Field(() => Number, { nullable: true }) @IsOptional() tax?: number | null;
}

/** A Sales Order made in the CRM, with its lines; its totals are computed from them. */
@InputType()
export class CreateSalesOrderInput {
  @Field(() => String) @Length(1, 255) subject!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) status?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, DATE_MESSAGE) dueDate?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) accountId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) contactId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) dealId?: string | null;
  @Field(() => [SalesOrderLineInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  lineItems?: SalesOrderLineInput[];
}

/** Changes to a Sales Order: absent fields stay, null clears; lineItems, when given, replace all the lines. */
@InputType()
export class UpdateSalesOrderInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) subject?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) status?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, DATE_MESSAGE) dueDate?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) accountId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) contactId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) dealId?: string | null;
  @Field(() => [SalesOrderLineInput], { nullable: true, description: "Given: the order's lines become exactly these." })
  @IsOptional()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  lineItems?: SalesOrderLineInput[];
}
