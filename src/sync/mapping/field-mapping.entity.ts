import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";
import { SyncPair } from "../sync-pair";

/** One CRM field ↔ FSM field of a sync pair. Values flow both ways, as the pair's direction allows. */
@ObjectType()
@Entity("gw_field_mapping")
@Index(["pair", "position"])
export class FieldMapping {
  @Field(() => ID) @PrimaryColumn({ type: "varchar", length: 36 }) id!: string;
  @Field(() => SyncPair) @Column({ type: "varchar", length: 40 }) pair!: SyncPair;
  @Field(() => Int) @Column({ type: "integer" }) position!: number;
  @Field(() => String, { description: "CRM field API name, e.g. Account_Name" }) @Column({ type: "varchar", length: 64 }) crmField!: string;
  @Field(() => String, { description: "FSM field API name, e.g. Company_Name" }) @Column({ type: "varchar", length: 64 }) fsmField!: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: "Picklist translation, CRM value → FSM value (e.g. Goods → Part)." })
  @Column({ type: "simple-json", nullable: true })
  valueMap!: Record<string, string> | null;
  @Field(() => String, { nullable: true, description: "FSM value used when the CRM value is empty (e.g. Part)." })
  @Column({ type: "varchar", length: 128, nullable: true })
  fsmDefault!: string | null;
}
