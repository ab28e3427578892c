/**
 * A request's execution deadline, checked wherever work is dispatched (every loader batch before its SQL).
 * A timer cannot stop work: while synchronous SQLite statements and promise chains hog the event loop it does
 * not even fire. A check of the clock at each dispatch does, and costs one `performance.now()`.
 */
export class Deadline {
  /** No budget (EXECUTION_TIMEOUT_MS=0, WebSocket operations, work outside a request). */
  static readonly NONE = new Deadline(0);

  private at: number;

  constructor(readonly timeoutMs: number) {
    this.at = timeoutMs > 0 ? performance.now() + timeoutMs : Number.POSITIVE_INFINITY;
  }

  get expired(): boolean {
    return performance.now() > this.at;
  }

  /** Whether the budget was lifted (a mutation): nothing may cut the request short or answer it with a timeout. */
  get waived(): boolean {
    return this.at === Number.POSITIVE_INFINITY;
  }

  /**
   * Lifts the budget once the operation turns out to be a mutation: what it writes may commit at any moment, and
   * a timeout answer, or a read cut short after the commit, would tell the client to retry a change that was made.
   */
  waive(): void {
    this.at = Number.POSITIVE_INFINITY;
  }
}
