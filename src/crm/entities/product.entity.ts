import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { RecordBase } from "../../common/record-base";
import { DecimalColumn, TextColumn } from "../../common/columns";

@ObjectType({ description: "CRM Product: something sold; syncs with an FSM Service or Part." })
@Entity("crm_product")
export class Product extends RecordBase {
  @Field(() => String) @Index() @Column({ type: "varchar", length: 255 }) productName!: string;
  @Field(() => String, { nullable: true }) @TextColumn() productCode!: string | null;
  @Field(() => Number, { nullable: true }) @DecimalColumn({ nullable: true }) unitPrice!: number | null;
  @Field(() => Boolean) @Column({ type: "boolean", default: true }) productActive!: boolean;
  @Field(() => String, { nullable: true }) @Column({ type: "text", nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true, description: "Admin-added picklist: Service or Goods." })
  @TextColumn({ length: 32 })
  type!: string | null;
}
