import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { DecimalColumn, TextColumn } from "../../common/columns";

@ObjectType({ description: "FSM Service or Part; syncs with a CRM Product." })
@Entity("fsm_service_and_part")
export class ServiceAndPart extends RecordBase {
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) name!: string;
  @Field(() => String, { description: "Service or Part" }) @Column({ type: "varchar", length: 16 }) type!: string;
  @Field(() => Number) @DecimalColumn() unitPrice!: number;
  @Field(() => String, { nullable: true }) @TextColumn({ length: 32 }) unit!: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: "text", nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn({ length: 64 }) sku!: string | null;
  @Field(() => Boolean) @Column({ type: "boolean", default: true }) active!: boolean;
}
