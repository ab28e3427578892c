import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { DateColumn, DecimalColumn, IdColumn, TextColumn } from "../../common/columns";

@ObjectType({ description: "FSM Work Order: the job to be done." })
@Entity("fsm_work_order")
export class WorkOrder extends RecordBase {
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) summary!: string;
  @Field(() => String, { description: "Service or Inspection" }) @Column({ type: "varchar", length: 16, default: "Service" }) type!: string;
  @Field(() => String) @Index() @Column({ type: "varchar", length: 32, default: "New" }) status!: string;
  @Field(() => String, { nullable: true }) @TextColumn({ length: 16 }) priority!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() companyId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() contactId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() assetId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() requestId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() estimateId!: string | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" }) @DateColumn() dueDate!: string | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) subTotal!: number | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) grandTotal!: number | null;
}
