import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { TimestampColumn } from "../../common/columns";

export type ChangeOperation = "CREATE" | "UPDATE" | "DELETE" | "SYNC";
/** SETTINGS: a whole-record resync after a settings change let more cross (src/sync/outbox/resync.ts). */
export type ChangeOrigin = "GATEWAY" | "HOOK" | "MANUAL" | "SETTINGS";
/**
 * HELD: a deletion the mass-delete guard holds for an admin (never claimed); it goes back to PENDING when
 * confirmed, or to DROPPED (final, never applied) when discarded.
 */
export type EntryState = "PENDING" | "DONE" | "FAILED" | "HELD" | "DROPPED";

/**
 * One change to sync (transactional outbox): written in the same transaction as the change itself, so a crash
 * between commit and sync loses nothing. `values` holds what the edit set (by field path); an entry from a
 * change feed has none and syncs the record as it is.
 */
@Entity("gw_outbox")
@Index(["state", "nextAttemptTime", "id"])
@Index(["side", "module", "recordId", "state"])
@Index(["side", "module", "operation", "createdTime"])
export class OutboxEntry {
  @PrimaryGeneratedColumn({ type: "integer" }) id!: number;
  @Column({ type: "varchar", length: 8 }) side!: "CRM" | "FSM";
  @Column({ type: "varchar", length: 32 }) module!: string;
  @Column({ type: "varchar", length: 36 }) recordId!: string;
  @Column({ type: "varchar", length: 8 }) operation!: ChangeOperation;
  @Column({ type: "simple-json", nullable: true }) values!: Record<string, unknown> | null;
  @Column({ type: "varchar", length: 8 }) origin!: ChangeOrigin;
  @Column({ type: "varchar", length: 36, nullable: true }) userId!: string | null;
  @Column({ type: "varchar", length: 8, default: "PENDING" }) state!: EntryState;
  @Column({ type: "integer", default: 0 }) attempts!: number;
  @TimestampColumn() nextAttemptTime!: Date;
  @Column({ type: "varchar", length: 500, nullable: true }) lastError!: string | null;
  /** When the change was made: the clock that decides field conflicts. */
  @TimestampColumn() createdTime!: Date;
  @TimestampColumn({ nullable: true }) processedTime!: Date | null;
}
