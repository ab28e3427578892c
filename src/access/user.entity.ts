import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../common/columns";

export const ADMINISTRATOR_PROFILE = "Administrator";
export const STANDARD_PROFILE = "Standard";

/** A CRM user as the gateway knows them: who they are and which CRM profile they have. */
@ObjectType()
@Entity("gw_user")
export class User {
  @Field(() => ID) @PrimaryColumn({ type: "varchar", length: 36 }) id!: string;
  @Field(() => String) @Column({ type: "varchar", length: 128 }) name!: string;
  @Field(() => String) @Column({ type: "varchar", length: 255, unique: true }) email!: string;
  @Field(() => String, { description: "CRM profile: Administrator, Standard or a custom one." })
  @Column({ type: "varchar", length: 64 })
  profile!: string;
  @Field(() => Boolean) @Column({ type: "boolean", default: true }) active!: boolean;
  @Field(() => Date) @TimestampColumn() createdTime!: Date;
}
