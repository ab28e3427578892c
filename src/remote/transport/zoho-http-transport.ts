import type { Logger } from "pino";
import type { Clock } from "../../common/clock";
import type { VendorApiMetrics } from "../../metrics/vendor-api-metrics";
import type { AccessTokenSource, FetchFn } from "./access-token-source";
import type { CreditLedger } from "./credit-ledger";
import type { ZohoSystem } from "./data-centres";
import type { RequestScheduler, Sleep } from "./request-scheduler";
import { currentPriority } from "../../common/request-priority";
import { backoffMs, rateLimitResetMs, retryAfterMs } from "./retry-timing";
import { VendorAuthError, VendorUnavailableError } from "./vendor-errors";
import type { ZohoRequest, ZohoResponse, ZohoTransport } from "./zoho-transport";

export interface ZohoHttpTransportOptions {
  system: ZohoSystem;
  /** e.g. https://www.zohoapis.eu/crm/v8 */
  baseUrl: string;
  tokens: AccessTokenSource;
  scheduler: RequestScheduler;
  ledger: CreditLedger;
  metrics: VendorApiMetrics;
  logger: Logger;
  clock: Clock;
  sleep: Sleep;
  fetch: FetchFn;
  random: () => number;
  /** Retries of a 429 / 5xx / network failure. */
  maxRetries: number;
  /** A longer Retry-After fails the request at once (transient) instead of holding the caller. */
  maxRetryWaitMs: number;
  timeoutMs: number;
}

/** Methods that may be sent twice: the FSM and CRM offer no idempotency key (notes 4.5), so a POST is never resent after it may have arrived. */
const REPEATABLE = new Set(["GET", "PUT", "DELETE", "PATCH"]);

/** Credits a CRM call costs (notes 5.6): most calls 1; Convert Lead 5 (2nd). The FSM counts calls. */
function creditCost(system: ZohoSystem, path: string): number {
  if (system === "crm" && /\/actions\/convert$/.test(path)) return 5;
  return 1;
}

function vendorCode(body: unknown): string | null {
  const code = (body as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}

/**
 * ZohoTransport over fetch (Node's undici): the org's request budget by priority, OAuth access tokens (one
 * refresh and one resend on 401 INVALID_TOKEN), 429 / Retry-After and X-RATELIMIT-* honoured with bounded,
 * jittered retries, 5xx and network failures retried when the method is repeatable, and the rolling credit count.
 */
export class ZohoHttpTransport implements ZohoTransport {
  constructor(private readonly options: ZohoHttpTransportOptions) {}

  async request<Body = unknown>(request: ZohoRequest): Promise<ZohoResponse<Body>> {
    const { options } = this;
    const priority = request.priority ?? currentPriority();
    const url = this.url(request);
    const repeatable = REPEATABLE.has(request.method);
    let tokenRetried = false;
    for (let attempt = 0; ; attempt += 1) {
      const release = await options.scheduler.acquire(priority);
      let response: Response;
      let token: string;
      try {
        token = await options.tokens.token();
        response = await options.fetch(url, {
          method: request.method,
          headers: {
            authorization: `Zoho-oauthtoken ${token}`,
            accept: "application/json",
            ...(request.body !== undefined ? { "content-type": "application/json" } : {}),
          },
          body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        release();
        if (error instanceof VendorUnavailableError || error instanceof VendorAuthError) throw error;
        options.metrics.recordResponse(options.system, "network_error");
        const name = (error as Error).name;
        if (!repeatable || attempt >= options.maxRetries) {
          throw new VendorUnavailableError(options.system, "NETWORK_ERROR", `${request.method} ${request.path} failed without a reply (${name})`);
        }
        options.metrics.recordRetry(options.system, "network_error");
        await options.sleep(backoffMs(attempt, options.random));
        continue;
      }
      let body: unknown;
      try {
        body = await this.readBody(response, request);
      } finally {
        release();
      }
      const status = response.status;
      options.metrics.recordResponse(options.system, status);
      const now = options.clock.now().getTime();

      if (status === 401 && vendorCode(body) === "INVALID_TOKEN" && !tokenRetried) {
        // Expired early, revoked, or (notes 5.5) sent to the wrong data centre: one fresh token, one resend.
        tokenRetried = true;
        options.tokens.invalidate(token);
        options.metrics.recordRetry(options.system, "invalid_token");
        attempt -= 1;
        continue;
      }
      if (status === 401) {
        const code = vendorCode(body) ?? "UNAUTHORIZED";
        const hint =
          code === "OAUTH_SCOPE_MISMATCH"
            ? ": the refresh token lacks a scope this call needs (docs/operations.md, Connecting real vendor orgs)"
            : code === "INVALID_TOKEN"
              ? ": a freshly issued token was refused too — is ZOHO_DATA_CENTRE (or the API URL) the org's data centre?"
              : "";
        throw new VendorAuthError(options.system, code, `${options.system.toUpperCase()} API refused the access token (${code})${hint}`);
      }
      if (status === 429) {
        const waitMs = retryAfterMs(response.headers, now) ?? backoffMs(attempt, options.random);
        options.scheduler.pause(now + waitMs);
        if (attempt >= options.maxRetries || waitMs > options.maxRetryWaitMs) {
          throw new VendorUnavailableError(
            options.system,
            "RATE_LIMITED",
            `rate limit reached (${vendorCode(body) ?? "429"}); retry after ${Math.ceil(waitMs / 1000)} s`,
            waitMs,
          );
        }
        options.logger.warn({ system: options.system, path: request.path, waitMs, attempt }, "vendor API rate limit: waiting");
        options.metrics.recordRetry(options.system, "rate_limited");
        // Jitter, so the requests the pause held back do not all come back in the same instant.
        await options.sleep(waitMs + Math.round(options.random() * Math.min(1000, waitMs / 10 + 100)));
        continue;
      }
      if (status >= 500) {
        if (!repeatable || attempt >= options.maxRetries) {
          throw new VendorUnavailableError(options.system, "SERVER_ERROR", `${request.method} ${request.path} answered ${status}`);
        }
        options.metrics.recordRetry(options.system, "server_error");
        await options.sleep(backoffMs(attempt, options.random));
        continue;
      }
      this.account(request, response.headers, now);
      return { status, body: body as Body | null, headers: response.headers };
    }
  }

  private url(request: ZohoRequest): string {
    const url = new URL(this.options.baseUrl + (request.path.startsWith("/") ? request.path : `/${request.path}`));
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  private async readBody(response: Response, request: ZohoRequest): Promise<unknown> {
    const text = await response.text().catch(() => "");
    if (text.trim() === "") return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      if (response.status >= 500 || response.status === 429) return null;
      throw new VendorUnavailableError(
        this.options.system,
        "BAD_REPLY",
        `${request.method} ${request.path} answered ${response.status} with a body that is not JSON`,
      );
    }
  }

  /** Credits and the vendor's own budget headers; a budget spent to zero pauses the org until it resets. */
  private account(request: ZohoRequest, headers: Headers, now: number): void {
    const { ledger, scheduler } = this.options;
    ledger.spend(creditCost(this.options.system, request.path));
    const remaining = Number(headers.get("x-api-credits-remaining") ?? Number.NaN);
    if (Number.isFinite(remaining)) ledger.report(remaining);
    if (headers.get("x-ratelimit-remaining")?.trim() === "0") {
      const resetMs = rateLimitResetMs(headers, now);
      if (resetMs !== null) scheduler.pause(now + resetMs);
    }
  }
}
