import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { Address } from "../../common/address";
import { IdColumn, TextColumn } from "../../common/columns";

@ObjectType({ description: "FSM Contact: a person at a Company; syncs with a CRM Contact." })
@Entity("fsm_contact")
export class FsmContact extends RecordBase {
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) lastName!: string;
  @Field(() => String, { nullable: true }) @TextColumn() firstName!: string | null;
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) email!: string;
  @Field(() => String, { nullable: true }) @TextColumn() phone!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() mobile!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() companyId!: string | null;
  @Field(() => Address) @Column(() => Address) address!: Address;
}
