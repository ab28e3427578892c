import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { DateColumn, DecimalColumn, IdColumn } from "../../common/columns";

@ObjectType({ description: "FSM Estimate: priced proposal; only an accepted one converts to a Work Order." })
@Entity("fsm_estimate")
export class Estimate extends RecordBase {
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) summary!: string;
  @Field(() => String) @Index() @Column({ type: "varchar", length: 32, default: "Draft" }) status!: string;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() companyId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() contactId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() requestId!: string | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" }) @DateColumn() expiryDate!: string | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) subTotal!: number | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) grandTotal!: number | null;
}
