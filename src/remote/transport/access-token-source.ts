import type { Logger } from "pino";
import type { Clock } from "../../common/clock";
import type { VendorApiMetrics } from "../../metrics/vendor-api-metrics";
import type { SlidingWindow } from "./sliding-window";
import { VendorAuthError, VendorUnavailableError } from "./vendor-errors";
import type { ZohoSystem } from "./data-centres";

export type FetchFn = typeof fetch;

export interface AccessTokenSourceOptions {
  /** {accounts server}/oauth/v2/token */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Which systems use this refresh token, for messages and the metrics label ("crm", "fsm" or "crm+fsm"). */
  label: string;
  /** The system named in errors (the first that asked). */
  system: ZohoSystem;
  /** Refresh this long before the token expires, so no request goes out with a token about to lapse. */
  marginMs: number;
  /** The vendor's token-issue limit per refresh token (notes 4.1: ~10 per 10 minutes, "Access Denied" beyond). */
  issueLimit: SlidingWindow;
  clock: Clock;
  fetch: FetchFn;
  metrics: VendorApiMetrics;
  logger: Logger;
}

interface Grant {
  accessToken: string;
  expiresAt: number;
}

interface TokenReply {
  access_token?: string;
  expires_in?: number;
  error?: string;
  error_description?: string;
}

/**
 * OAuth 2.0 refresh-token flow against Zoho Accounts. One access token per refresh token, cached until shortly
 * before it expires; concurrent callers share one refresh (single flight); token requests never exceed the
 * issue limit — past it callers get a transient TOKEN_LIMIT error instead of the vendor's "Access Denied".
 * Neither token is ever logged or put in an error message.
 */
export class AccessTokenSource {
  private grant: Grant | null = null;
  private refreshing: Promise<Grant> | null = null;

  constructor(private readonly options: AccessTokenSourceOptions) {}

  /** A token good for at least the margin. */
  async token(): Promise<string> {
    const { grant } = this;
    if (grant && grant.expiresAt - this.options.marginMs > this.options.clock.now().getTime()) return grant.accessToken;
    return (await this.refresh()).accessToken;
  }

  /** The vendor said `token` is invalid (401 INVALID_TOKEN): forget it, unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.grant?.accessToken === token) this.grant = null;
  }

  private refresh(): Promise<Grant> {
    this.refreshing ??= this.requestGrant().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async requestGrant(): Promise<Grant> {
    const { options } = this;
    const allowed = options.issueLimit.take();
    if (!allowed.ok) {
      options.metrics.recordTokenRequest(options.label, "limited");
      throw new VendorUnavailableError(
        options.system,
        "TOKEN_LIMIT",
        `the gateway has requested ${options.issueLimit.limit} access tokens in the last ${Math.round(options.issueLimit.windowMs / 60_000)} minutes for the ${options.label.toUpperCase()} refresh token, the vendor's limit; the next request is allowed in ${Math.ceil(allowed.retryInMs / 1000)} s`,
        allowed.retryInMs,
      );
    }
    const requestedAt = options.clock.now().getTime();
    let status: number;
    let reply: TokenReply;
    try {
      const response = await options.fetch(options.tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: options.refreshToken,
          client_id: options.clientId,
          client_secret: options.clientSecret,
        }),
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      reply = (await response.json().catch(() => ({}))) as TokenReply;
    } catch (error) {
      options.metrics.recordTokenRequest(options.label, "failed");
      throw new VendorUnavailableError(
        options.system,
        "NETWORK_ERROR",
        `the accounts server could not be reached for an access token (${(error as Error).name})`,
      );
    }
    if (typeof reply.access_token === "string" && reply.access_token !== "") {
      options.metrics.recordTokenRequest(options.label, "issued");
      const lifetimeMs = (Number(reply.expires_in) > 0 ? Number(reply.expires_in) : 3600) * 1000;
      this.grant = { accessToken: reply.access_token, expiresAt: requestedAt + lifetimeMs };
      options.logger.info({ systems: options.label, expiresInSeconds: lifetimeMs / 1000 }, "vendor access token refreshed");
      return this.grant;
    }
    options.metrics.recordTokenRequest(options.label, "failed");
    const code = reply.error ?? `HTTP_${status}`;
    options.logger.warn({ systems: options.label, status, vendorCode: code }, "vendor access token refresh refused");
    if (/access denied/i.test(code) || /too many requests/i.test(reply.error_description ?? "") || status === 429) {
      throw new VendorUnavailableError(
        options.system,
        "TOKEN_LIMIT",
        "the accounts server refused to issue more access tokens for now (too many token requests)",
        options.issueLimit.windowMs,
      );
    }
    if (status >= 500) throw new VendorUnavailableError(options.system, "SERVER_ERROR", `the accounts server answered ${status} to a token request`);
    throw new VendorAuthError(
      "accounts",
      code,
      `The accounts server refused the ${options.label.toUpperCase()} refresh token (${code}): check ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, the refresh token and ZOHO_DATA_CENTRE (a token works only in the data centre that issued it)`,
    );
  }
}
