import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { DateColumn, DecimalColumn, IdColumn, TextColumn } from "../../common/columns";

@ObjectType({ description: "CRM Deal: a sales opportunity." })
@Entity("crm_deal")
export class Deal extends RecordBase {
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) dealName!: string;
  @Field(() => String, { nullable: true }) @TextColumn({ length: 64 }) stage!: string | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) amount!: number | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" }) @DateColumn() closingDate!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() accountId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() contactId!: string | null;
}
