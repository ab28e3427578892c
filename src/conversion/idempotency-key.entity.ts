import { Column, Entity, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../common/columns";

/** A create request already served: a retry with the same key gets the same record back. */
@Entity("gw_idempotency_key")
export class IdempotencyKey {
  /** The caller's user id and key. */
  @PrimaryColumn({ type: "varchar", length: 200 }) id!: string;
  /** What was asked (operation and source), so a key reused for something else is refused. */
  @Column({ type: "varchar", length: 200 }) request!: string;
  @Column({ type: "varchar", length: 32 }) resultModule!: string;
  @Column({ type: "varchar", length: 36 }) resultId!: string;
  @TimestampColumn() createdTime!: Date;
}
