import { Cron } from "croner";
import type { Logger } from "pino";
import type { Database } from "../../db/database";
import type { Clock } from "../../common/clock";
import type { SyncHistory } from "./sync-history";

/** Every UTC midnight. */
const MIDNIGHT_UTC = "0 0 * * *";

export interface Rollover {
  /** The run of the day that holds `now`, open whether this call or another process opened it. */
  openRunId: string;
  /** The daily runs this call closed: none when another process (or an earlier call) already had. */
  closedRunIds: string[];
}

/**
 * Closes each day's run of instant syncs and opens the next one at UTC midnight, and once at start-up (a gateway
 * that was down at midnight catches up). croner does the timing: it re-arms in short steps (never one 24-hour
 * timeout), so a suspended machine or a clock step still fires the next midnight, and it never fires early.
 * Idempotent across processes: every gateway with a worker runs it, the run's insert-or-ignore and the
 * close's "where still open" update let exactly one of them do each change.
 */
export class RunScheduler {
  private job: Cron | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly history: SyncHistory,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Rolls over for the current time, then at every UTC midnight until stopped. */
  async start(): Promise<void> {
    if (this.job) return;
    this.job = new Cron(MIDNIGHT_UTC, { timezone: "UTC", protect: true, unref: true }, () => this.tick());
    await this.tick();
  }

  async stop(): Promise<void> {
    this.job?.stop();
    this.job = null;
    await this.running;
  }

  /** When the scheduler next rolls over (real time), or null when it is not running. */
  nextRun(): Date | null {
    return this.job?.nextRun() ?? null;
  }

  /** Closes the daily runs whose day ended by `now` and opens the run of `now`'s day; harmless to repeat. */
  rollover(now: Date = this.clock.now()): Promise<Rollover> {
    return this.db.transaction(async (m) => {
      const openRunId = await this.history.openDailyRun(m, now);
      const closedRunIds = await this.history.closeEndedDailyRuns(m, now);
      return { openRunId, closedRunIds };
    });
  }

  /** One scheduled rollover: logged, never thrown (the next midnight, or the next start-up, tries again). */
  private tick(): Promise<void> {
    const work = this.rollover(this.clock.now()).then(
      ({ openRunId, closedRunIds }) => {
        if (closedRunIds.length) this.logger.info({ openRunId, closedRunIds }, "sync runs rolled over");
      },
      (error: unknown) => this.logger.error({ err: error }, "sync run rollover failed"),
    );
    this.running = work;
    return work;
  }
}
