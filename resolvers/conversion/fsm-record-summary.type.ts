import { Field, ID, ObjectType } from "type-graphql";

/** A Request, Estimate or Work Order as a link search lists it. */
@ObjectType()
export class FsmRecordSummary {
  @Field(() => String) module!: string;
  @Field(() => ID) id!: string;
  @Field(() => String) summary!: string;
  @Field(() => String) status!: string;
  @Field(() => ID, { nullable: true }) companyId!: string | null;
}
