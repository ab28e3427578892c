import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { Address } from "../../common/address";
import { IdColumn, TextColumn } from "../../common/columns";

@ObjectType({ description: "CRM Contact: a person, usually at an Account." })
@Entity("crm_contact")
export class CrmContact extends RecordBase {
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) lastName!: string;
  @Field(() => String, { nullable: true }) @TextColumn() firstName!: string | null;
  @Field(() => String, { nullable: true }) @Index() @TextColumn() email!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() phone!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() mobile!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() accountId!: string | null;
  @Field(() => Address) @Column(() => Address) mailingAddress!: Address;
}
