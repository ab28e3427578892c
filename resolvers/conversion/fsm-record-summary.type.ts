import { Field, ID, ObjectType } from "type-graphql";

/** A Request, Estimate or Work Order as a link search lists it. */
@ObjectType()
export class FsmRecordSummary {
  @Field(() => String) module!: string;
  @Field(() => ID) id!: string;
  @Field(() => String) summary!: string;
  @Field(() => String) status!: string;
  @Field(() => ID, { nullable: true }) companyId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Deals or Sales_Orders when the record already has a parent (linking it again is refused); null when free.",
  })
  parentModule!: string | null;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
}
