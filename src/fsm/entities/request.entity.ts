import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { DateColumn, IdColumn, TextColumn } from "../../common/columns";

@ObjectType({ description: "FSM Request: a customer's ask for service." })
@Entity("fsm_request")
export class Request extends RecordBase {
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) summary!: string;
  @Field(() => String, { nullable: true, description: "Critical, High, Medium or Low" }) @TextColumn({ length: 16 }) priority!: string | null;
  @Field(() => String) @Index() @Column({ type: "varchar", length: 32, default: "New" }) status!: string;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() companyId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() contactId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() assetId!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn() phone!: string | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" }) @DateColumn() dueDate!: string | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" }) @DateColumn() preferredDate!: string | null;
  @Field(() => String, { nullable: true, description: "Morning, Afternoon, Evening or Any" }) @TextColumn({ length: 16 }) preferredTime!: string | null;
}
