import { createHash } from "node:crypto";
import type { Request, RequestHandler } from "express";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitedError } from "../errors/limit-errors";
import { sendAppError } from "./limits/send-app-error";

const WINDOW_SECONDS = 60;

/**
 * Whose budget a request spends: its bearer token's (hashed: the raw token is kept nowhere, not even as a map
 * key), or, without an Authorization header, its client address's. A made-up token gets a budget of its own
 * but nothing else: authentication refuses it with one indexed lookup.
 */
function rateLimitKey(req: Request): string {
  const authorization = req.headers.authorization;
  if (authorization) return `token:${createHash("sha256").update(authorization).digest("base64url")}`;
  return `ip:${req.ip ?? req.socket.remoteAddress ?? "unknown"}`;
}

/**
 * Requests per minute per token, refused with 429, Retry-After and RATE_LIMITED before the body is read.
 * rate-limiter-flexible's in-memory limiter: maintained, dependency-free, and it reports the exact time until
 * the window frees up (for Retry-After). In memory means per process: several gateway processes each allow
 * the limit; one shared budget would need its Redis or PostgreSQL store, a drop-in swap here.
 */
export function rateLimit(limitPerMinute: number): RequestHandler {
  if (limitPerMinute <= 0) return (_req, _res, next) => next();
  const limiter = new RateLimiterMemory({ points: limitPerMinute, duration: WINDOW_SECONDS });
  return async (req, res, next) => {
    try {
      const state = await limiter.consume(rateLimitKey(req));
      res.set("RateLimit-Limit", String(limitPerMinute)).set("RateLimit-Remaining", String(state.remainingPoints));
      next();
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) return next(refusal);
      const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      sendAppError(res, new RateLimitedError(limitPerMinute, retryAfterSeconds), {
        "Retry-After": String(retryAfterSeconds),
        "RateLimit-Limit": String(limitPerMinute),
        "RateLimit-Remaining": "0",
      });
    }
  };
}
