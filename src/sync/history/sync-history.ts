import { randomUUID } from "node:crypto";
import { IsNull, LessThanOrEqual, type EntityManager } from "typeorm";
import type { Database } from "../../db/database";
import { systemClock, type Clock } from "../../common/clock";
import { SyncEvent, SyncStatus, type SyncFlow } from "./sync-event.entity";
import { SyncRun, SyncRunKind } from "./sync-run.entity";
import { SettingsChange } from "../settings/settings-change.entity";
import { insertRows } from "../../db/insert-rows";
import { bySide, type Side } from "../../common/side";
import type { SyncReason } from "../sync-reason";

const DAY_MS = 86_400_000;
const DAILY_RUN_PREFIX = "SYNC-";

/** The operation of the event that records a sync link removed by a user (sync-link-removal.ts). */
export const UNLINK_OPERATION = "UNLINK";

/** Which record a failure is about, in SQL: a record failing again in the same run is counted once. */
const FAILED_RECORD = "(e.pair || ':' || e.flow || ':' || COALESCE(e.crmId, '') || ':' || COALESCE(e.fsmId, ''))";

export type NewSyncEvent = Omit<SyncEvent, "id" | "runId" | "time">;

/** The id of the run that collects instant syncs of a UTC day, e.g. SYNC-20261125. */
export function dailyRunId(time: Date): string {
  return `${DAILY_RUN_PREFIX}${time.toISOString().slice(0, 10).replace(/-/g, "")}`;
}

/** The UTC day that holds `time`: [start, end). */
export function utcDay(time: Date): { start: Date; end: Date } {
  const start = Math.floor(time.getTime() / DAY_MS) * DAY_MS;
  return { start: new Date(start), end: new Date(start + DAY_MS) };
}

/** Sync runs and per-record sync events: what the history, the CSV logs and per-record status read. */
export class SyncHistory {
  /** The newest daily run a committed transaction holds: events of that day need not open it again. */
  private committedDailyRun: string | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Records an event in the day's run of instant syncs, or in the given run (an initial sync's). */
  async record(manager: EntityManager, event: NewSyncEvent, inRun?: string): Promise<SyncEvent> {
    const time = this.clock.now();
    const runId = inRun ?? (await this.openDailyRun(manager, time));
    const row = Object.assign(new SyncEvent(), { ...event, id: randomUUID(), runId, time, message: event.message?.slice(0, 500) ?? null });
    await insertRows(manager, SyncEvent, [row]);
    return row;
  }

  /** Whether a user removed this record's sync link: then only the initial sync's matching may pair it again. */
  async syncLinkRemoved(manager: EntityManager, side: Side, id: string): Promise<boolean> {
    const where = bySide(side, { CRM: { crmId: id }, FSM: { fsmId: id } });
    return (await manager.count(SyncEvent, { where: { ...where, operation: UNLINK_OPERATION } })) > 0;
  }

  /** Once the transaction that recorded `events` has committed, their day's run is known to exist (runs are never deleted). */
  noteCommitted(events: SyncEvent[]): void {
    for (const event of events)
      if (event.runId.startsWith(DAILY_RUN_PREFIX) && event.runId > (this.committedDailyRun ?? "")) this.committedDailyRun = event.runId;
  }

  async openRun(manager: EntityManager, id: string, kind: SyncRunKind, startedTime: Date, endsTime: Date): Promise<void> {
    await manager.createQueryBuilder().insert().into(SyncRun).values({ id, kind, startedTime, endsTime }).orIgnore().updateEntity(false).execute();
  }

  /** Opens the run of the UTC day that holds `time` (if no worker did yet) and returns its id. */
  async openDailyRun(manager: EntityManager, time: Date): Promise<string> {
    const id = dailyRunId(time);
    if (id === this.committedDailyRun) return id;
    const { start, end } = utcDay(time);
    // Every worker may open the day's run; the first insert wins, the rest are ignored.
    await this.openRun(manager, id, SyncRunKind.DAILY, start, end);
    return id;
  }

  /**
   * Closes every daily run whose day has ended by `time` (yesterday's, and older ones a stopped gateway missed).
   * Each close is an update of a still-open run, so of several processes only one closes it; returns what this one closed.
   */
  async closeEndedDailyRuns(manager: EntityManager, time: Date): Promise<string[]> {
    const ended = await manager.find(SyncRun, {
      select: { id: true },
      where: { kind: SyncRunKind.DAILY, closedTime: IsNull(), endsTime: LessThanOrEqual(time) },
      order: { startedTime: "ASC" },
    });
    const closed: string[] = [];
    for (const { id } of ended) {
      const result = await manager.update(SyncRun, { id, closedTime: IsNull() }, { closedTime: time });
      if (result.affected) closed.push(id);
    }
    return closed;
  }

  runs(limit: number, before?: Date | null): Promise<SyncRun[]> {
    const query = this.db.manager.createQueryBuilder(SyncRun, "r").orderBy("r.startedTime", "DESC").limit(limit);
    if (before) query.where("r.startedTime < :before", { before });
    return query.getMany();
  }

  /** The event of an entry another worker synced (its main event: the last one recorded for it). */
  async eventOfEntry(entryId: number): Promise<SyncEvent | null> {
    return this.db.manager.findOne(SyncEvent, { where: { entryId }, order: { time: "DESC" } });
  }

  settingsChanges(limit: number): Promise<SettingsChange[]> {
    return this.db.manager.find(SettingsChange, { order: { time: "DESC" }, take: limit });
  }

  run(id: string): Promise<SyncRun | null> {
    return this.db.manager.findOneBy(SyncRun, { id });
  }

  async counts(runIds: readonly string[]): Promise<{ runId: string; flow: SyncFlow; status: SyncStatus; count: number }[]> {
    if (!runIds.length) return [];
    const rows = await this.db.manager
      .createQueryBuilder(SyncEvent, "e")
      .select("e.runId", "runId")
      .addSelect("e.flow", "flow")
      .addSelect("e.status", "status")
      // A record that failed several times in a run (each edit retries it) is one failure of that run.
      .addSelect(`COUNT(DISTINCT CASE WHEN e.status = :failed THEN ${FAILED_RECORD} ELSE e.id END)`, "count")
      .where("e.runId IN (:...runIds)", { runIds, failed: SyncStatus.FAILED })
      .groupBy("e.runId")
      .addGroupBy("e.flow")
      .addGroupBy("e.status")
      .getRawMany<{ runId: string; flow: SyncFlow; status: SyncStatus; count: string | number }>();
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  async failureGroups(runId: string): Promise<{ reason: string; count: number }[]> {
    const rows = await this.db.manager
      .createQueryBuilder(SyncEvent, "e")
      .select("e.reason", "reason")
      .addSelect(`COUNT(DISTINCT ${FAILED_RECORD})`, "count")
      .where("e.runId = :runId AND e.status = :failed", { runId, failed: SyncStatus.FAILED })
      .groupBy("e.reason")
      .orderBy("e.reason", "ASC")
      .getRawMany<{ reason: string; count: string | number }>();
    return rows.map((r) => ({ reason: r.reason, count: Number(r.count) }));
  }

  failures(runId: string, reason?: string | null): Promise<SyncEvent[]> {
    return this.db.manager.find(SyncEvent, {
      where: { runId, status: SyncStatus.FAILED, ...(reason ? { reason: reason as SyncReason } : {}) },
      order: { time: "ASC", id: "ASC" },
    });
  }

  /** The newest event of each record, for per-record sync status. */
  async latestFor(side: Side, ids: readonly string[]): Promise<SyncEvent[]> {
    if (!ids.length) return [];
    const column = bySide(side, { CRM: "crmId", FSM: "fsmId" } as const);
    // Only each record's newest events: a record collects one per edit, for ever.
    const events = await this.db.manager
      .createQueryBuilder(SyncEvent, "e")
      .where(`e.${column} IN (:...ids)`, { ids })
      .andWhere((qb) => `e.time = ${qb.subQuery().select("MAX(e2.time)").from(SyncEvent, "e2").where(`e2.${column} = e.${column}`).getQuery()}`)
      .orderBy("e.time", "DESC")
      .getMany();
    const newest = new Map<string, SyncEvent>();
    for (const event of events) {
      const id = event[column];
      if (id !== null && !newest.has(id)) newest.set(id, event);
    }
    return [...newest.values()];
  }
}
