/** How long a 429 asks us to wait: Retry-After (seconds or an HTTP date), else X-RATELIMIT-RESET; null if neither. */
export function retryAfterMs(headers: Headers, nowMs: number): number | null {
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null && retryAfter.trim() !== "") {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  return rateLimitResetMs(headers, nowMs);
}

/**
 * X-RATELIMIT-RESET as the FSM sends it (notes 4.5). Its unit is undocumented: a value that looks like an epoch
 * (seconds or milliseconds) is read as a time, a small one as seconds from now.
 */
export function rateLimitResetMs(headers: Headers, nowMs: number): number | null {
  const raw = headers.get("x-ratelimit-reset");
  const value = raw === null ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || value < 0) return null;
  if (value > 1e12) return Math.max(0, value - nowMs);
  if (value > 1e9) return Math.max(0, value * 1000 - nowMs);
  return value * 1000;
}

/** Exponential backoff with "equal jitter": a random wait in [base·2^attempt / 2, base·2^attempt], capped. */
export function backoffMs(attempt: number, random: () => number, baseMs = 500, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
