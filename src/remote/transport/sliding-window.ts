import type { Clock } from "../../common/clock";

/**
 * At most `limit` events in any `windowMs`, counted against an injectable clock (tests move it instead of
 * waiting ten minutes; rate-limiter-flexible reads Date.now, hence this dozen lines).
 */
export class SlidingWindow {
  private readonly times: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Records an event if one is allowed now; otherwise says how long until one is. */
  take(): { ok: true } | { ok: false; retryInMs: number } {
    const now = this.clock.now().getTime();
    while (this.times.length > 0 && this.times[0] <= now - this.windowMs) this.times.shift();
    if (this.times.length >= this.limit) return { ok: false, retryInMs: this.times[0] + this.windowMs - now };
    this.times.push(now);
    return { ok: true };
  }

  get used(): number {
    const now = this.clock.now().getTime();
    return this.times.filter((t) => t > now - this.windowMs).length;
  }
}
