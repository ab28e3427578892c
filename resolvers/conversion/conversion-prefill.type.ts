import { Field, ID, Int, ObjectType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { ConversionSource, ConversionTarget } from "../../src/conversion/conversion-pairs";

@ObjectType()
export class PrefillLineItem {
  @Field(() => Int) position!: number;
  @Field(() => String, { nullable: true, description: "Service or Part" }) kind!: string | null;
  @Field(() => ID, { nullable: true }) productId!: string | null;
  @Field(() => ID, { nullable: true }) serviceAndPartId!: string | null;
  @Field(() => Number) quantity!: number;
  @Field(() => Number, { nullable: true }) listPrice!: number | null;
  @Field(() => Number, { nullable: true }) discount!: number | null;
  @Field(() => Number, { nullable: true }) tax!: number | null;
  @Field(() => Number, { nullable: true }) amount!: number | null;
}

/** The create form as the gateway would fill it: show it, let the user change it, then create. */
@ObjectType()
export class ConversionPrefill {
  @Field(() => ConversionSource) sourceModule!: ConversionSource;
  @Field(() => ID) sourceId!: string;
  @Field(() => ConversionTarget) targetModule!: ConversionTarget;
  @Field(() => GraphQLJSONObject, { description: "FSM field values by field name, e.g. { summary, dueDate }." }) values!: Record<string, unknown>;
  @Field(() => ID, { nullable: true }) companyId!: string | null;
  @Field(() => ID, { nullable: true }) contactId!: string | null;
  @Field(() => ID, { nullable: true }) serviceAndPartId!: string | null;
  @Field(() => String, { nullable: true, description: "Deals or Sales_Orders" }) parentModule!: string | null;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => [PrefillLineItem]) lineItems!: PrefillLineItem[];
  @Field(() => [String], { description: "CRM records (Module/id) without an FSM counterpart yet, synced on create." }) syncsFirst!: string[];
  @Field(() => Int, { description: "Mapped personal fields left out by a personal-data restriction." }) skippedPersonalFields!: number;
}
