import type { Logger } from "pino";
import type { SyncEngine } from "./engine/sync-engine";
import { runWithPriority } from "../common/request-priority";
import { StorageUnavailableError } from "../errors/storage-unavailable.error";
import { StorageBackoff } from "../db/storage-backoff";
import { WakeableSleep } from "../common/wakeable-sleep";

/**
 * Drains the outbox in the background: whatever a mutation's own sync left (a crash, a busy record, a retry
 * after backoff) and every change-feed entry. Several workers, in one process or many, can run at once.
 */
export class SyncWorker {
  private stopped = true;
  private loop: Promise<void> | null = null;
  private readonly pause = new WakeableSleep();
  /** A notify that came while draining: drain again instead of sleeping. */
  private woken = false;
  private readonly storageBackoff: StorageBackoff;

  constructor(
    private readonly engine: SyncEngine,
    private readonly logger: Logger,
    private readonly pollIntervalMs = 1000,
    storageRetryMaxMs = 30_000,
  ) {
    this.storageBackoff = new StorageBackoff(storageRetryMaxMs);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** New work is waiting: stop sleeping. */
  notify(): void {
    this.woken = true;
    this.pause.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.woken = false;
      let storageFault = false;
      try {
        // Vendor requests of background syncs queue behind interactive ones.
        const processed = await runWithPriority("sync", () => this.engine.drain(100));
        this.storageBackoff.reset();
        if (processed > 0) continue;
      } catch (error) {
        // The database's own log line starts and ends the episode; the entries stay pending, nothing is lost.
        storageFault = error instanceof StorageUnavailableError;
        if (!storageFault) this.logger.error({ err: error }, "sync worker failed to drain the outbox");
      }
      if (this.woken && !storageFault) continue;
      // A notify still ends the wait: it follows a commit, so the database takes writes again.
      await this.sleep(storageFault ? this.storageBackoff.nextDelayMs() : this.pollIntervalMs);
    }
  }

  private async sleep(ms: number): Promise<void> {
    if (this.stopped) return;
    await this.pause.sleep(ms);
  }
}
