import type { Logger } from "pino";
import type { SyncEngine } from "./engine/sync-engine";
import { runWithPriority } from "../remote/transport/request-priority";

/**
 * Drains the outbox in the background: whatever a mutation's own sync left (a crash, a busy record, a retry
 * after backoff) and every change-feed entry. Several workers, in one process or many, can run at once.
 */
export class SyncWorker {
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** A notify that came while draining: drain again instead of sleeping. */
  private woken = false;

  constructor(
    private readonly engine: SyncEngine,
    private readonly logger: Logger,
    private readonly pollIntervalMs = 1000,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** New work is waiting: stop sleeping. */
  notify(): void {
    this.woken = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.woken = false;
      try {
        // Vendor requests of background syncs queue behind interactive ones.
        if ((await runWithPriority("sync", () => this.engine.drain(100))) > 0) continue;
      } catch (error) {
        this.logger.error({ err: error }, "sync worker failed to drain the outbox");
      }
      if (this.woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
