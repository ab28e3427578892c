import type { EntityManager } from "typeorm";
import type { Database } from "../../db/database";
import { insertReturningId } from "../../db/insert-rows";
import { OutboxEntry, type ChangeOperation, type ChangeOrigin } from "./outbox-entry.entity";

export interface NewOutboxEntry {
  side: "CRM" | "FSM";
  module: string;
  recordId: string;
  operation: ChangeOperation;
  values: Record<string, unknown> | null;
  origin: ChangeOrigin;
  userId: string | null;
}

const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 8;

/** The transactional outbox: entries are written with the change and claimed one at a time, per record in order. */
export class Outbox {
  constructor(private readonly db: Database) {}

  async enqueue(manager: EntityManager, entry: NewOutboxEntry): Promise<OutboxEntry> {
    const now = new Date();
    const row = Object.assign(new OutboxEntry(), {
      ...entry,
      state: "PENDING",
      attempts: 0,
      nextAttemptTime: now,
      lastError: null,
      createdTime: now,
      processedTime: null,
    });
    row.id = await insertReturningId(manager, OutboxEntry, row);
    return row;
  }

  /**
   * The oldest due entry whose record has no older pending entry, locked for this transaction. On PostgreSQL
   * another worker's locked entries are skipped, so workers never take the same entry.
   */
  claimNext(manager: EntityManager, now = new Date()): Promise<OutboxEntry | null> {
    return this.claimQuery(manager, now).getOne();
  }

  claimForRecord(manager: EntityManager, side: string, module: string, recordId: string): Promise<OutboxEntry | null> {
    return this.claimQuery(manager, new Date())
      .andWhere("o.side = :side AND o.module = :module AND o.recordId = :recordId", { side, module, recordId })
      .getOne();
  }

  /** Finished entries keep no values: the edit's data (personal data included) is not retained once synced. */
  async markDone(manager: EntityManager, entry: OutboxEntry, state: "DONE" | "FAILED", error: string | null = null): Promise<void> {
    await manager.update(
      OutboxEntry,
      { id: entry.id },
      { state, values: null, processedTime: new Date(), lastError: error?.slice(0, 500) ?? null, attempts: entry.attempts + 1 },
    );
  }

  /** After a transient failure: try again later, with exponential backoff. */
  async scheduleRetry(entry: OutboxEntry, error: string): Promise<void> {
    const delay = Math.min(RETRY_BASE_MS * 2 ** entry.attempts, RETRY_MAX_MS);
    await this.db.transaction((m) =>
      m.update(OutboxEntry, { id: entry.id }, { attempts: entry.attempts + 1, nextAttemptTime: new Date(Date.now() + delay), lastError: error.slice(0, 500) }),
    );
  }

  /** A record's pending entries, newest first: the gateway edits among them date the values they set. */
  async pendingOf(manager: EntityManager, side: string, module: string, recordId: string): Promise<OutboxEntry[]> {
    const pending = await this.db.reader.findIn(
      OutboxEntry,
      { equals: { side, module, state: "PENDING" }, in: { property: "recordId", values: [recordId] } },
      undefined,
      { manager },
    );
    return pending.sort((a, b) => b.id - a.id);
  }

  countPending(): Promise<number> {
    return this.db.manager.count(OutboxEntry, { where: { state: "PENDING" } });
  }

  findById(id: number): Promise<OutboxEntry | null> {
    return this.db.manager.findOneBy(OutboxEntry, { id });
  }

  private claimQuery(manager: EntityManager, now: Date) {
    const query = manager
      .createQueryBuilder(OutboxEntry, "o")
      .where("o.state = 'PENDING'")
      .andWhere("o.nextAttemptTime <= :now", { now })
      .andWhere((qb) => {
        const older = qb
          .subQuery()
          .select("1")
          .from(OutboxEntry, "p")
          .where("p.side = o.side AND p.module = o.module AND p.recordId = o.recordId AND p.state = 'PENDING' AND p.id < o.id");
        return `NOT EXISTS ${older.getQuery()}`;
      })
      .orderBy("o.id", "ASC")
      .limit(1);
    if (this.db.dialect === "postgres") query.setLock("pessimistic_write").setOnLocked("skip_locked");
    return query;
  }
}

/** The latest pending gateway edit of a field among a record's pending entries (newest first): the value it set and when. */
export function latestPendingEdit(pending: OutboxEntry[], fieldPath: string): { value: unknown; time: Date } | null {
  for (const entry of pending) if (entry.values && fieldPath in entry.values) return { value: entry.values[fieldPath], time: entry.createdTime };
  return null;
}
