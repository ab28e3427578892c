import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { DecimalColumn, IdColumn } from "../../common/columns";

/** A service line, or a part line under a service line, of an Estimate or Work Order. */
@ObjectType()
export abstract class FsmLineItemBase extends RecordBase {
  @Field(() => Int) @Column({ type: "integer", default: 0 }) position!: number;
  @Field(() => String, { description: "Service or Part" }) @Column({ type: "varchar", length: 16 }) kind!: string;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() serviceAndPartId!: string | null;
  @Field(() => ID, { nullable: true, description: "The service line a part line belongs to." }) @IdColumn() parentLineId!: string | null;
  @Field(() => Number) @DecimalColumn({ default: 1 }) quantity!: number;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) listPrice!: number | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) discount!: number | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) tax!: number | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) amount!: number | null;
}
