import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../common/columns";

/** A bearer token; only its SHA-256 hash is stored, the token itself is shown once. */
@Entity("gw_api_token")
export class ApiToken {
  @PrimaryColumn({ type: "varchar", length: 36 }) id!: string;
  @Index() @Column({ type: "varchar", length: 36 }) userId!: string;
  @Index({ unique: true }) @Column({ type: "varchar", length: 64 }) tokenHash!: string;
  @Column({ type: "varchar", length: 128 }) label!: string;
  @TimestampColumn() createdTime!: Date;
  @TimestampColumn({ nullable: true }) expiresAt!: Date | null;
  @TimestampColumn({ nullable: true }) lastUsedAt!: Date | null;
  @TimestampColumn({ nullable: true }) revokedAt!: Date | null;
}
