import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { DateColumn, IdColumn, TextColumn } from "../../common/columns";

@ObjectType({ description: "FSM Asset: installed equipment at a customer." })
@Entity("fsm_asset")
export class Asset extends RecordBase {
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) name!: string;
  @Field(() => String, { nullable: true }) @TextColumn({ length: 64 }) assetNumber!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() serviceAndPartId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() companyId!: string | null;
  @Field(() => ID, { nullable: true }) @Index() @IdColumn() contactId!: string | null;
  @Field(() => String, { nullable: true }) @TextColumn({ length: 128 }) serial!: string | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" }) @DateColumn() installationDate!: string | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" }) @DateColumn() warrantyExpiry!: string | null;
}
