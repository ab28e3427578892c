import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { Address } from "../../common/address";
import { TextColumn } from "../../common/columns";

@ObjectType({ description: "FSM Company: a serviced customer; syncs with a CRM Account." })
@Entity("fsm_company")
export class Company extends RecordBase {
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) companyName!: string;
  @Field(() => String, { nullable: true }) @TextColumn() email!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() phone!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() mobile!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() website!: string | null;
  @Field(() => Address) @Column(() => Address) serviceAddress!: Address;
  @Field(() => Address) @Column(() => Address) billingAddress!: Address;
}
