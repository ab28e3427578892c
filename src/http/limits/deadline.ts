import { ExecutionTimeoutError } from "../../errors/limit-errors";

/**
 * A request's execution deadline, checked wherever work is dispatched (every loader batch before its SQL).
 * A timer cannot stop work: while synchronous SQLite statements and promise chains hog the event loop it does
 * not even fire. A check of the clock at each dispatch does, and costs one `performance.now()`.
 */
export class Deadline {
  /** No budget (EXECUTION_TIMEOUT_MS=0, WebSocket operations, work outside a request). */
  static readonly NONE = new Deadline(0);

  private readonly at: number;

  constructor(readonly timeoutMs: number) {
    this.at = timeoutMs > 0 ? performance.now() + timeoutMs : Number.POSITIVE_INFINITY;
  }

  get expired(): boolean {
    return performance.now() > this.at;
  }

  /** Stops the caller with EXECUTION_TIMEOUT once the budget is spent, before it starts anything new. */
  throwIfExpired(): void {
    if (performance.now() > this.at) throw new ExecutionTimeoutError(this.timeoutMs);
  }
}
