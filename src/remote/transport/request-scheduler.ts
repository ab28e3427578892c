import type { Clock } from "../../common/clock";
import { PRIORITY_ORDER, type RequestPriority } from "../../common/request-priority";

export type Sleep = (ms: number) => Promise<void>;

type Release = () => void;

/**
 * One org's request budget: at most `maxConcurrent` requests in flight (the vendor's concurrency limit per app
 * and org); when it is full, waiting requests start in priority order (interactive, sync, bulk), first come
 * first served within a priority. A 429 pauses the whole org until its Retry-After has passed.
 */
export class RequestScheduler {
  private inFlight = 0;
  private pausedUntil = 0;
  private resumeTimer: Promise<void> | null = null;
  private readonly queues: Record<RequestPriority, Array<() => void>> = { interactive: [], sync: [], bulk: [] };

  constructor(
    readonly maxConcurrent: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {}

  /** Waits for a slot; call the returned function once the exchange is over. */
  acquire(priority: RequestPriority): Promise<Release> {
    if (this.canStart() && this.nobodyWaits()) return Promise.resolve(this.start());
    return new Promise<Release>((resolve) => {
      this.queues[priority].push(() => resolve(this.start()));
      this.dispatch();
    });
  }

  /** No request starts before `untilMs` (clock time); a later pause extends an earlier one. */
  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  get active(): number {
    return this.inFlight;
  }

  waiting(priority: RequestPriority): number {
    return this.queues[priority].length;
  }

  private start(): Release {
    this.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      this.dispatch();
    };
  }

  private canStart(): boolean {
    return this.inFlight < this.maxConcurrent && this.clock.now().getTime() >= this.pausedUntil;
  }

  private nobodyWaits(): boolean {
    return PRIORITY_ORDER.every((p) => this.queues[p].length === 0);
  }

  private dispatch(): void {
    while (this.inFlight < this.maxConcurrent) {
      const waitMs = this.pausedUntil - this.clock.now().getTime();
      if (waitMs > 0) {
        if (!this.nobodyWaits()) this.resumeAfter(waitMs);
        return;
      }
      const queue = PRIORITY_ORDER.map((p) => this.queues[p]).find((q) => q.length > 0);
      if (!queue) return;
      queue.shift()?.();
    }
  }

  private resumeAfter(ms: number): void {
    if (this.resumeTimer) return;
    this.resumeTimer = this.sleep(ms).then(() => {
      this.resumeTimer = null;
      this.dispatch();
    });
  }
}
