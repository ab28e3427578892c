import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { DateColumn, DecimalColumn, IdColumn, TextColumn } from "../../common/columns";

@ObjectType({ description: "CRM Sales Order, with line items." })
@Entity("crm_sales_order")
export class SalesOrder extends RecordBase {
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) subject!: string;
  @Field(() => String, { nullable: true }) @TextColumn({ length: 64 }) status!: string | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" }) @DateColumn() dueDate!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() accountId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() contactId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() dealId!: string | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) subTotal!: number | null;
  @Field(() => Number, { nullable: true, description: "The sum of the line items' tax." }) @DecimalColumn({ nullable: true }) tax!: number | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) grandTotal!: number | null;
}
