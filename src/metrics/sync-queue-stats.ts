import type { Database } from "../db/database";
import { OutboxEntry } from "../sync/outbox/outbox-entry.entity";

export interface SyncQueueStats {
  /** Outbox entries waiting to be synced (state PENDING, retries after backoff included). */
  pending: number;
  /** Of those, the ones that failed at least once and wait for a retry. */
  retrying: number;
  /** Change-feed deletions the mass-delete guard holds for an admin. */
  held: number;
  /** Seconds since the oldest pending entry was written; 0 when none is pending. */
  lagSeconds: number;
}

/** The outbox's backlog, read at scrape time: one grouped count and the oldest pending entry (ids and times only). */
export async function readSyncQueueStats(db: Database, now = new Date()): Promise<SyncQueueStats> {
  const rows = await db.manager
    .createQueryBuilder(OutboxEntry, "o")
    .select("o.state", "state")
    .addSelect("COUNT(*)", "count")
    .addSelect("SUM(CASE WHEN o.attempts > 0 THEN 1 ELSE 0 END)", "retrying")
    .where("o.state IN (:...states)", { states: ["PENDING", "HELD"] })
    .groupBy("o.state")
    .getRawMany<{ state: string; count: string | number; retrying: string | number | null }>();
  const pending = rows.find((r) => r.state === "PENDING");
  const held = rows.find((r) => r.state === "HELD");
  // Read through the entity so the timestamp is decoded the same way on both dialects.
  const oldest = pending
    ? await db.manager.findOne(OutboxEntry, { select: { id: true, createdTime: true }, where: { state: "PENDING" }, order: { createdTime: "ASC", id: "ASC" } })
    : null;
  return {
    pending: Number(pending?.count ?? 0),
    retrying: Number(pending?.retrying ?? 0),
    held: Number(held?.count ?? 0),
    lagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.createdTime.getTime()) / 1000) : 0,
  };
}
