import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Index, PrimaryColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";
import { TimestampColumn } from "./columns";

/** Columns every CRM and FSM record carries: identity, audit trail, version and admin-defined custom fields. */
@ObjectType()
@Index(["modifiedTime", "id"])
// The initial sync walks records by creation time.
@Index(["createdTime", "id"])
export abstract class RecordBase {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id!: string;

  @Field(() => Date)
  @TimestampColumn()
  createdTime!: Date;

  @Field(() => Date)
  @TimestampColumn()
  modifiedTime!: Date;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 64, nullable: true })
  createdBy!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 64, nullable: true })
  modifiedBy!: string | null;

  /** Rises by one on every write; lets writers detect a concurrent change. */
  @Field(() => Int)
  @Column({ type: "integer", default: 1 })
  version!: number;

  @Field(() => GraphQLJSONObject, { description: "Values of admin-defined custom fields, by API name." })
  @Column({ type: "simple-json", nullable: true })
  customFields!: Record<string, unknown> | null;
}

/** Fields the store sets itself; callers never pass them. */
export type SystemFields = keyof RecordBase;
