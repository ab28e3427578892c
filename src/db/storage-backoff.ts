/** How long a background writer waits after a storage fault before trying again: doubling up to a cap. */
export class StorageBackoff {
  private faults = 0;

  constructor(
    private readonly maxMs: number,
    private readonly baseMs = Math.min(1000, maxMs),
  ) {}

  /** The wait after one more consecutive fault. */
  nextDelayMs(): number {
    const delay = Math.min(this.baseMs * 2 ** Math.min(this.faults, 30), this.maxMs);
    this.faults += 1;
    return delay;
  }

  /** A write went through: the next fault starts again from the shortest wait. */
  reset(): void {
    this.faults = 0;
  }
}
