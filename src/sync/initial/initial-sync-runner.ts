import { randomBytes } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { Logger } from "pino";
import { asAnyStore } from "../../common/any-record-store";
import type { Notifier } from "../../notifications/notifier";
import { ConflictError, NotFoundError } from "../../errors/app-error";
import type { SyncDeps } from "../engine/sync-deps";
import { SyncRun, SyncRunKind } from "../history/sync-run.entity";
import type { NewSyncEvent } from "../history/sync-history";
import { SyncStatus } from "../history/sync-event.entity";
import { InitialSyncBatch } from "./initial-sync-batch";
import { type DuplicateMode, InitialSyncJob, JobState } from "./initial-sync-job.entity";
import { PHASES } from "./initial-sync-phases";
import { runWithPriority } from "../../common/request-priority";
import { StorageUnavailableError } from "../../errors/storage-unavailable.error";
import { StorageBackoff } from "../../db/storage-backoff";
import { WakeableSleep } from "../../common/wakeable-sleep";
import { bySide } from "../../common/side";

export interface DryRunReport {
  counts: Record<string, number>;
  /** The first planned actions, for the admin to look at. */
  sample: NewSyncEvent[];
}

const SAMPLE_SIZE = 50;
const MAX_BATCH_RETRIES = 5;

/** Signals the end of a dry run: the transaction rolls back, so nothing it did stays. */
class DryRunRollback extends Error {
  constructor(readonly report: DryRunReport) {
    super("dry run");
  }
}

function countEvents(counts: Record<string, number>, events: NewSyncEvent[]): void {
  for (const event of events) {
    const key = event.status === SyncStatus.SYNCED ? (event.reason ?? "SYNCED") : `${event.status}:${event.reason}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
}

/**
 * The initial sync as a job: pages through both systems pair by pair, saving its position with every batch,
 * so a killed process resumes where it stopped. Admins are told when it starts and ends.
 */
export class InitialSyncRunner {
  private running: Promise<void> | null = null;
  private stopping = false;
  /** Ends a wait for the database early, so that stop() need not sit out a storage backoff. */
  private readonly storageWait = new WakeableSleep();

  constructor(
    private readonly deps: SyncDeps,
    private readonly notifier: Notifier,
    private readonly logger: Logger,
    private readonly batchSize = 200,
    private readonly storageRetryMaxMs = 30_000,
  ) {}

  async start(mode: DuplicateMode, userId: string): Promise<InitialSyncJob> {
    if (await this.deps.db.manager.existsBy(InitialSyncJob, { state: JobState.RUNNING })) {
      throw new ConflictError("An initial sync is already running; wait for it to finish");
    }
    const now = new Date();
    // Readable, and unique even for two starts in one second.
    const id = `INIT-${now
      .toISOString()
      .replace(/[-:.TZ]/g, "")
      .slice(0, 14)}-${randomBytes(2).toString("hex")}`;
    const job = Object.assign(new InitialSyncJob(), {
      id,
      state: JobState.RUNNING,
      duplicateMode: mode,
      phaseIndex: 0,
      cursor: null,
      done: 0,
      total: await this.countRecords(now),
      counts: {},
      error: null,
      startedBy: userId,
      startedTime: now,
      finishedTime: null,
    });
    await this.deps.db.transaction(async (m) => {
      await m.insert(InitialSyncJob, job);
      await this.deps.history.openRun(m, id, SyncRunKind.INITIAL, now, now);
    });
    await this.notifier.notifyAdmins(
      `Initial sync ${id} started`,
      `The initial data sync between the CRM and the FSM has started (Sync Id ${id}, ${job.total} records to look at, duplicates: ${mode}).`,
    );
    this.launch(id);
    return job;
  }

  /** Continues jobs a previous process left running. */
  async resume(): Promise<void> {
    const job = await this.deps.db.manager.findOneBy(InitialSyncJob, { state: JobState.RUNNING });
    if (job) this.launch(job.id);
  }

  /** What the initial sync would do now, computed by doing it in a transaction that is rolled back. */
  async dryRun(mode: DuplicateMode): Promise<DryRunReport> {
    try {
      const existingAt = new Date();
      // Paging through both systems: vendor requests at "bulk" priority, behind interactive and sync ones.
      await runWithPriority("bulk", () =>
        this.deps.db.transaction(async (m) => {
          const report: DryRunReport = { counts: {}, sample: [] };
          for (const phase of PHASES) {
            let cursor: string | null = null;
            for (;;) {
              const result = await new InitialSyncBatch(this.deps, m, mode).run(phase, cursor, this.batchSize, existingAt);
              countEvents(report.counts, result.events);
              report.sample.push(...result.events.slice(0, SAMPLE_SIZE - report.sample.length));
              if (!result.hasNextPage) break;
              cursor = result.endCursor;
            }
          }
          throw new DryRunRollback(report);
        }),
      );
    } catch (error) {
      if (error instanceof DryRunRollback) return error.report;
      throw error;
    }
    throw new Error("unreachable");
  }

  get(id: string): Promise<InitialSyncJob> {
    return this.deps.db.manager.findOneBy(InitialSyncJob, { id }).then((job) => job ?? Promise.reject(new NotFoundError("Initial sync", id)));
  }

  list(): Promise<InitialSyncJob[]> {
    return this.deps.db.manager.find(InitialSyncJob, { order: { startedTime: "DESC" }, take: 50 });
  }

  /** Lets the current batch finish; the job stays RUNNING and resumes at the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.storageWait.wake();
    await this.running;
  }

  /** Resolves when the job in this process has finished (tests, CLI). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private launch(id: string): void {
    this.stopping = false;
    // The job's paging goes at "bulk" priority: behind interactive requests and instant syncs.
    this.running = runWithPriority("bulk", () => this.run(id)).catch((error) => this.logger.error({ err: error, job: id }, "initial sync failed"));
  }

  private async run(id: string): Promise<void> {
    let failures = 0;
    const storageBackoff = new StorageBackoff(this.storageRetryMaxMs);
    while (!this.stopping) {
      try {
        const finished = await this.deps.db.transaction((m) => this.step(m, id));
        failures = 0;
        storageBackoff.reset();
        if (finished) return this.finish(id, JobState.COMPLETED, null);
        // On SQLite every query completes synchronously: without this, the job would hold the event loop (HTTP
        // requests, the sync worker, a shutdown) until its very last page.
        await new Promise((resolve) => setImmediate(resolve));
      } catch (error) {
        if (error instanceof StorageUnavailableError) {
          // The batch and its position rolled back together: wait for the database instead of failing the job.
          await this.storageWait.sleep(storageBackoff.nextDelayMs());
          continue;
        }
        failures += 1;
        this.logger.warn({ err: error, job: id, failures }, "initial sync batch failed; retrying");
        if (failures >= MAX_BATCH_RETRIES) return this.finish(id, JobState.FAILED, error instanceof Error ? error.message : String(error));
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** failures));
      }
    }
  }

  /** One batch and the job's new position, committed together. Returns true when every phase is done. */
  private async step(m: EntityManager, id: string): Promise<boolean> {
    const job = await m.findOneByOrFail(InitialSyncJob, { id });
    if (job.phaseIndex >= PHASES.length) return true;
    const result = await new InitialSyncBatch(this.deps, m, job.duplicateMode).run(PHASES[job.phaseIndex], job.cursor, this.batchSize, job.startedTime);
    for (const event of result.events) await this.deps.history.record(m, event, id);
    const counts = { ...job.counts };
    countEvents(counts, result.events);
    const next = result.hasNextPage ? { phaseIndex: job.phaseIndex, cursor: result.endCursor } : { phaseIndex: job.phaseIndex + 1, cursor: null };
    await m.update(InitialSyncJob, { id }, { ...next, counts, done: job.done + result.processed });
    return next.phaseIndex >= PHASES.length;
  }

  private async finish(id: string, state: JobState, error: string | null): Promise<void> {
    const finishedTime = new Date();
    await this.deps.db.transaction(async (m) => {
      await m.update(InitialSyncJob, { id }, { state, error: error?.slice(0, 500) ?? null, finishedTime });
      await m.update(SyncRun, { id }, { endsTime: finishedTime });
    });
    const job = await this.get(id);
    const summary =
      Object.entries(job.counts)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join("\n") || "  (nothing to sync)";
    await this.notifier.notifyAdmins(
      `Initial sync ${id} ${state === JobState.COMPLETED ? "completed" : "failed"}`,
      `The initial data sync (Sync Id ${id}) ${state === JobState.COMPLETED ? "has completed" : `has failed: ${error}`}.\n${job.done} records looked at.\n${summary}\nSee the sync history for the details and the failure logs.`,
    );
  }

  private async countRecords(existingAt: Date): Promise<number> {
    let total = 0;
    for (const phase of PHASES) {
      const store = bySide(phase.side, { CRM: asAnyStore(this.deps.crm), FSM: asAnyStore(this.deps.fsm) });
      total += await (await store.list(phase.module, { createdBefore: existingAt }, { first: 1, direction: "ASC" })).countTotal();
    }
    return total;
  }
}
