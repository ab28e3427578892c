import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../common/columns";

export enum MailTransport {
  /** Sent to the configured SMTP server. */
  SMTP = "smtp",
  /** No SMTP server configured: kept here for the admins to read. */
  OUTBOX = "outbox",
}
registerEnumType(MailTransport, { name: "MailTransport" });

/** A mail the gateway sent (or tried to send) to the admins: the one place to see what went out. */
@ObjectType()
@Entity("gw_mail_message")
@Index(["createdTime"])
export class MailMessage {
  @Field(() => ID) @PrimaryColumn({ type: "varchar", length: 36 }) id!: string;
  @Field(() => [String], { description: "Recipients' addresses." }) @Column({ type: "simple-array" }) to!: string[];
  @Field(() => String) @Column({ type: "varchar", length: 255 }) subject!: string;
  @Field(() => String) @Column({ type: "text" }) text!: string;
  @Field(() => MailTransport) @Column({ type: "varchar", length: 16 }) transport!: MailTransport;
  @Field(() => Date) @TimestampColumn() createdTime!: Date;
  @Field(() => Date, { nullable: true, description: "When the SMTP server accepted it (or it reached the outbox); null while sending or after a failure." })
  @TimestampColumn({ nullable: true })
  deliveredTime!: Date | null;
  @Field(() => String, { nullable: true, description: "Why delivery failed, or which recipients the SMTP server refused." })
  @Column({ type: "text", nullable: true })
  error!: string | null;
}
