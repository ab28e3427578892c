import type { RequestHandler } from "express";

/**
 * The vendors' limits in front of the API routes (vendor-api-notes 4.5, 5.6): a concurrency limit per org
 * (429 TOO_MANY_REQUESTS past it), 429s with Retry-After on demand, a credit count with the CRM's
 * X-API-CREDITS-REMAINING header once more than half the budget is used, optionally the FSM's
 * X-RATELIMIT-* headers. `hold()` keeps requests waiting at the door, to line up a queue behind them.
 */

export interface RateLimitOptions {
  maxConcurrent?: number;
  /** The org's credit budget; enables X-API-CREDITS-REMAINING. */
  creditLimit?: number;
  /** Send X-RATELIMIT-LIMIT/REMAINING/RESET with this limit (FSM style). */
  rateLimitHeaders?: { limit: number; resetSeconds: number };
}

export interface RateLimitControl {
  /** The next `count` requests get 429 with this Retry-After (seconds, or an HTTP date). */
  rejectNext(count: number, retryAfter?: string | number, code?: string): void;
  /** The next `count` requests get this 5xx status. */
  failNext(count: number, status?: number): void;
  /** Requests wait at the door until the returned function is called. */
  hold(): () => void;
  /** "METHOD /path?query" of every request that got past the door, in order. */
  readonly arrivals: string[];
  /** Requests waiting at the door while held. */
  readonly atDoor: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly creditsUsed: number;
  readonly rejected: number;
}

export function createRateLimit(options: RateLimitOptions = {}): { middleware: RequestHandler; control: RateLimitControl } {
  let toReject: Array<{ retryAfter: string | null; code: string }> = [];
  let toFail: number[] = [];
  let gate: Promise<void> | null = null;
  let inFlight = 0;
  let maxInFlight = 0;
  let credits = 0;
  let rejected = 0;
  let atDoor = 0;
  const arrivals: string[] = [];

  const middleware: RequestHandler = async (req, res, next) => {
    atDoor += 1;
    while (gate) await gate;
    atDoor -= 1;
    const reject = toReject.shift();
    if (reject || (options.maxConcurrent !== undefined && inFlight >= options.maxConcurrent)) {
      rejected += 1;
      if (reject?.retryAfter) res.set("retry-after", reject.retryAfter);
      res.status(429).json({ code: reject?.code ?? "TOO_MANY_REQUESTS", details: {}, message: "too many requests", status: "error" });
      return;
    }
    const failure = toFail.shift();
    if (failure) {
      res.status(failure).json({ code: "INTERNAL_ERROR", details: {}, message: "internal error", status: "error" });
      return;
    }
    arrivals.push(`${req.method} ${req.originalUrl}`);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    credits += 1;
    if (options.creditLimit !== undefined && credits > options.creditLimit / 2)
      res.set("x-api-credits-remaining", String(Math.max(0, options.creditLimit - credits)));
    if (options.rateLimitHeaders) {
      res.set("x-ratelimit-limit", String(options.rateLimitHeaders.limit));
      res.set("x-ratelimit-remaining", String(Math.max(0, options.rateLimitHeaders.limit - credits)));
      res.set("x-ratelimit-reset", String(options.rateLimitHeaders.resetSeconds));
    }
    res.on("close", () => (inFlight -= 1));
    next();
  };

  const control: RateLimitControl = {
    rejectNext(count, retryAfter = 1, code = "TOO_MANY_REQUESTS") {
      toReject = [...toReject, ...Array.from({ length: count }, () => ({ retryAfter: retryAfter === "" ? null : String(retryAfter), code }))];
    },
    failNext(count, status = 503) {
      toFail = [...toFail, ...Array.from({ length: count }, () => status)];
    },
    hold() {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      gate = held;
      return () => {
        if (gate === held) gate = null;
        release();
      };
    },
    arrivals,
    get atDoor() {
      return atDoor;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get creditsUsed() {
      return credits;
    },
    get rejected() {
      return rejected;
    },
  };
  return { middleware, control };
}
