import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { IdColumn, TextColumn, TimestampColumn } from "../../common/columns";

@ObjectType({ description: "FSM Service Appointment: a scheduled visit for a Work Order." })
@Entity("fsm_service_appointment")
export class ServiceAppointment extends RecordBase {
  @Field(() => String, { nullable: true }) @TextColumn() summary!: string | null;
  @Field(() => ID) @Index() @IdColumn({ nullable: false }) workOrderId!: string;
  @Field(() => Date) @TimestampColumn() scheduledStart!: Date;
  @Field(() => Date) @TimestampColumn() scheduledEnd!: Date;
  @Field(() => String) @Index() @Column({ type: "varchar", length: 32, default: "New" }) status!: string;
  @Field(() => String, { nullable: true }) @TextColumn() technician!: string | null;
  @Field(() => Date, { nullable: true }) @TimestampColumn({ nullable: true }) actualStart!: Date | null;
  @Field(() => Date, { nullable: true }) @TimestampColumn({ nullable: true }) actualEnd!: Date | null;
}
