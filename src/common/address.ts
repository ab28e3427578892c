import { Field, ObjectType } from "type-graphql";
import { TextColumn } from "./columns";

/** Postal address, embedded in the owning record's table (billing, shipping, service, mailing). */
@ObjectType()
export class Address {
  @Field(() => String, { nullable: true }) @TextColumn() street!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() city!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() state!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() code!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() country!: string | null;
}
