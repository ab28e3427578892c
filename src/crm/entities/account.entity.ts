import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { Address } from "../../common/address";
import { TextColumn } from "../../common/columns";

@ObjectType({ description: "CRM Account: a customer organisation." })
@Entity("crm_account")
export class Account extends RecordBase {
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) accountName!: string;
  @Field(() => String, { nullable: true }) @TextColumn() phone!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() website!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() industry!: string | null;
  @Field(() => Address) @Column(() => Address) billingAddress!: Address;
  @Field(() => Address) @Column(() => Address) shippingAddress!: Address;
  @Field(() => String, { nullable: true }) @Column({ type: "text", nullable: true }) description!: string | null;
}
