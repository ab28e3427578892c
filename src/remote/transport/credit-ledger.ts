import type { Clock } from "../../common/clock";

const WINDOW_MS = 24 * 3_600_000;
const BUCKET_MS = 60_000;
/** The CRM sends its figure only while more than half the budget is used: without a fresh one, our estimate is back. */
const REPORT_VALID_MS = 3_600_000;

/**
 * A rolling 24-hour count of API credits spent (the CRM counts credits over a rolling window, not per calendar
 * day — notes 5.6; the FSM's daily call limit is counted the same way, one per call). Minute buckets keep it
 * small. The vendor's own X-API-CREDITS-REMAINING, once it sends one, overrides our estimate of what is left.
 */
export class CreditLedger {
  private readonly buckets = new Map<number, number>();
  private reported: { remaining: number; spentSince: number; at: number } | null = null;

  constructor(
    readonly limit: number,
    private readonly clock: Clock,
  ) {}

  spend(credits: number): void {
    const bucket = Math.floor(this.clock.now().getTime() / BUCKET_MS);
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + credits);
    if (this.reported) this.reported.spentSince += credits;
  }

  /** The vendor's figure, read from a reply (after that reply's own credits were spent). */
  report(remaining: number): void {
    this.reported = { remaining, spentSince: 0, at: this.clock.now().getTime() };
  }

  used(): number {
    const oldest = Math.floor((this.clock.now().getTime() - WINDOW_MS) / BUCKET_MS);
    let total = 0;
    for (const [bucket, credits] of this.buckets) {
      if (bucket <= oldest) this.buckets.delete(bucket);
      else total += credits;
    }
    return total;
  }

  remaining(): number {
    if (this.reported && this.clock.now().getTime() - this.reported.at < REPORT_VALID_MS)
      return Math.max(0, this.reported.remaining - this.reported.spentSince);
    return Math.max(0, this.limit - this.used());
  }
}
