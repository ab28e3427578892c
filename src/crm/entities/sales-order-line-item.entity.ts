import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { DecimalColumn, IdColumn } from "../../common/columns";

@ObjectType({ description: "One product line of a Sales Order." })
@Entity("crm_sales_order_line_item")
export class SalesOrderLineItem extends RecordBase {
  @Field(() => ID) @Index() @IdColumn({ nullable: false }) salesOrderId!: string;
  @Field(() => Int) @Column({ type: "integer", default: 0 }) position!: number;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() productId!: string | null;
  @Field(() => Number) @DecimalColumn({ default: 1 }) quantity!: number;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) listPrice!: number | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) discount!: number | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) tax!: number | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) amount!: number | null;
}
