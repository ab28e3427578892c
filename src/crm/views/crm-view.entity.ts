import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../../common/columns";

export enum ViewOperator {
  EQUALS = "EQUALS",
  NOT_EQUALS = "NOT_EQUALS",
  CONTAINS = "CONTAINS",
  STARTS_WITH = "STARTS_WITH",
  IS_EMPTY = "IS_EMPTY",
  IS_NOT_EMPTY = "IS_NOT_EMPTY",
}
registerEnumType(ViewOperator, { name: "ViewOperator" });

@ObjectType()
export class ViewCondition {
  @Field(() => String, { description: "CRM field API name" }) field!: string;
  @Field(() => ViewOperator) operator!: ViewOperator;
  @Field(() => String, { nullable: true }) value!: string | null;
}

/** A CRM view: a saved filter on Accounts or Contacts (all conditions must hold). */
@ObjectType()
@Entity("crm_view")
export class CrmView {
  @Field(() => ID) @PrimaryColumn({ type: "varchar", length: 36 }) id!: string;
  @Field(() => String) @Column({ type: "varchar", length: 32 }) module!: string;
  @Field(() => String) @Column({ type: "varchar", length: 128 }) name!: string;
  @Field(() => [ViewCondition]) @Column({ type: "simple-json" }) conditions!: ViewCondition[];
  @Field(() => Date) @TimestampColumn() createdTime!: Date;
}
