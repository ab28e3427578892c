import { Field, ID, ObjectType } from "type-graphql";
import { Entity, Index } from "typeorm";
import { IdColumn } from "../../common/columns";
import { FsmLineItemBase } from "./line-item-base";

@ObjectType()
@Entity("fsm_work_order_line_item")
export class WorkOrderLineItem extends FsmLineItemBase {
  @Field(() => ID) @Index() @IdColumn({ nullable: false }) workOrderId!: string;
}
