import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../common/columns";

/** The single Deal or Sales Order an FSM Request, Estimate, Work Order or Asset belongs to. */
@ObjectType()
@Entity("gw_parent_link")
@Index(["fsmModule", "fsmId"], { unique: true })
@Index(["parentModule", "parentId"])
export class ParentLink {
  @Field(() => ID) @PrimaryColumn({ type: "varchar", length: 36 }) id!: string;
  @Field(() => String) @Column({ type: "varchar", length: 32 }) fsmModule!: string;
  @Field(() => ID) @Column({ type: "varchar", length: 36 }) fsmId!: string;
  @Field(() => String, { description: "Deals or Sales_Orders" }) @Column({ type: "varchar", length: 32 }) parentModule!: string;
  @Field(() => ID) @Column({ type: "varchar", length: 36 }) parentId!: string;
  @Field(() => Date) @TimestampColumn() createdTime!: Date;
  @Field(() => String, { nullable: true }) @Column({ type: "varchar", length: 64, nullable: true }) createdBy!: string | null;
}
