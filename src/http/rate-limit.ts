import type { RequestHandler } from "express";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitedError } from "../errors/limit-errors";
import { sendAppError } from "./limits/send-app-error";
import { authenticationOf, rateLimitKey } from "./authentication";

const WINDOW_SECONDS = 60;

export type RateVerdict = { allowed: true; remaining: number } | { allowed: false; error: RateLimitedError; retryAfterSeconds: number };

/**
 * Requests per minute per principal (src/http/authentication.ts rateLimitKey), one budget for every transport:
 * HTTP requests and WebSocket subscribe messages spend from the same instance. rate-limiter-flexible's in-memory
 * limiter: maintained, dependency-free, and it reports the exact time until the window frees up (for Retry-After).
 * In memory means per process: several gateway processes each allow the limit; one shared budget would need its
 * Redis or PostgreSQL store, a drop-in swap here.
 */
export class RateLimit {
  private readonly limiter: RateLimiterMemory | null;

  constructor(readonly limitPerMinute: number) {
    this.limiter = limitPerMinute > 0 ? new RateLimiterMemory({ points: limitPerMinute, duration: WINDOW_SECONDS }) : null;
  }

  async consume(key: string): Promise<RateVerdict> {
    if (!this.limiter) return { allowed: true, remaining: Number.POSITIVE_INFINITY };
    try {
      const state = await this.limiter.consume(key);
      return { allowed: true, remaining: state.remainingPoints };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      return { allowed: false, error: new RateLimitedError(this.limitPerMinute, retryAfterSeconds), retryAfterSeconds };
    }
  }

  /** The HTTP guard: 429, Retry-After and RATE_LIMITED before the body is read; RateLimit-* headers on every answer. */
  httpGuard(): RequestHandler {
    if (!this.limiter) return (_req, _res, next) => next();
    const limit = String(this.limitPerMinute);
    return async (req, res, next) => {
      const authentication = authenticationOf(res) ?? { principal: null, refused: false };
      const verdict = await this.consume(rateLimitKey(authentication, req.ip ?? req.socket.remoteAddress));
      if (verdict.allowed) {
        res.set("RateLimit-Limit", limit).set("RateLimit-Remaining", String(verdict.remaining));
        return next();
      }
      sendAppError(res, verdict.error, { "Retry-After": String(verdict.retryAfterSeconds), "RateLimit-Limit": limit, "RateLimit-Remaining": "0" });
    };
  }
}
