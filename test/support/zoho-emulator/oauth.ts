import { randomBytes } from "node:crypto";
import express, { Router, type RequestHandler } from "express";
import { systemClock, type Clock } from "../../../src/common/clock";

/**
 * Zoho Accounts' token endpoint as documented (vendor-api-notes 4.1, 5.1, 5.5): POST /oauth/v2/token with
 * grant_type=refresh_token (form body or query), answering { access_token, api_domain, token_type, expires_in }.
 * Refusals come back the way Zoho sends them: HTTP 200 { error: "invalid_code" | "invalid_client" }, and past
 * the token-issue limit (~10 per 10 minutes per refresh token) 400 { error: "Access Denied", … }.
 * `requireAccessToken` guards the API routes: 401 INVALID_TOKEN for an unknown, expired or revoked token.
 */

export interface OAuthEmulatorOptions {
  clientId: string;
  clientSecret: string;
  refreshTokens: string[];
  expiresInSeconds?: number;
  issueLimit?: number;
  issueWindowMs?: number;
  apiDomain?: string;
  clock?: Clock;
}

interface IssuedToken {
  refreshToken: string;
  expiresAt: number;
  revoked: boolean;
}

export interface OAuthControl {
  /** Access tokens issued so far, in all or for one refresh token. */
  issued(refreshToken?: string): number;
  /** Token requests refused with "Access Denied" (the issue limit). */
  readonly deniedForLimit: number;
  /** Whether the API accepts this access token now (issued here, not revoked, not expired). */
  accepts: (token: string) => boolean;
  /** The newest access token issued. */
  latest(): string | null;
  /** Revokes one access token, or every one: the API then answers 401 INVALID_TOKEN. */
  revoke(token?: string): void;
  /** Lifetime of the tokens issued from now on. */
  setExpiresIn(seconds: number): void;
  /** Refuses every access token, as an API domain of another data centre does. */
  refuseAll(refuse: boolean): void;
}

export function createOAuthEmulator(options: OAuthEmulatorOptions): { router: Router; requireAccessToken: RequestHandler; control: OAuthControl } {
  const clock = options.clock ?? systemClock;
  const limit = options.issueLimit ?? 10;
  const windowMs = options.issueWindowMs ?? 10 * 60_000;
  let expiresIn = options.expiresInSeconds ?? 3600;
  const tokens = new Map<string, IssuedToken>();
  const requests = new Map<string, number[]>();
  const issuedCount = new Map<string, number>();
  let denied = 0;
  let newest: string | null = null;
  let refuseAll = false;

  const router = Router();
  router.post("/oauth/v2/token", express.urlencoded({ extended: false }), (req, res) => {
    const param = (name: string): string | undefined =>
      (req.body as Record<string, string> | undefined)?.[name] ?? (typeof req.query[name] === "string" ? req.query[name] : undefined);
    if (param("grant_type") !== "refresh_token") {
      res.status(200).json({ error: "unsupported_grant_type" });
      return;
    }
    if (param("client_id") !== options.clientId || param("client_secret") !== options.clientSecret) {
      res.status(200).json({ error: "invalid_client" });
      return;
    }
    const refreshToken = param("refresh_token") ?? "";
    if (!options.refreshTokens.includes(refreshToken)) {
      res.status(200).json({ error: "invalid_code" });
      return;
    }
    const now = clock.now().getTime();
    const recent = (requests.get(refreshToken) ?? []).filter((t) => t > now - windowMs);
    recent.push(now);
    requests.set(refreshToken, recent);
    if (recent.length > limit) {
      denied += 1;
      res.status(400).json({
        error_description: "You have made too many requests continuously. Please try again after some time.",
        error: "Access Denied",
        status: "failure",
      });
      return;
    }
    const accessToken = `1000.${randomBytes(16).toString("hex")}.${randomBytes(16).toString("hex")}`;
    tokens.set(accessToken, { refreshToken, expiresAt: now + expiresIn * 1000, revoked: false });
    issuedCount.set(refreshToken, (issuedCount.get(refreshToken) ?? 0) + 1);
    newest = accessToken;
    res.status(200).json({
      access_token: accessToken,
      api_domain: options.apiDomain ?? `${req.protocol}://${req.get("host")}`,
      token_type: "Bearer",
      expires_in: expiresIn,
    });
  });

  const accepts = (value: string) => {
    const token = tokens.get(value);
    return !refuseAll && token !== undefined && !token.revoked && token.expiresAt > clock.now().getTime();
  };

  const requireAccessToken: RequestHandler = (req, res, next) => {
    const match = /^Zoho-oauthtoken\s+(\S+)$/.exec(req.get("authorization") ?? "");
    if (!match) {
      res.status(401).json({ code: "AUTHENTICATION_FAILED", details: {}, message: "Authentication failed", status: "error" });
      return;
    }
    if (!accepts(match[1])) {
      res.status(401).json({ code: "INVALID_TOKEN", details: {}, message: "invalid oauth token", status: "error" });
      return;
    }
    next();
  };

  const control: OAuthControl = {
    issued: (refreshToken) => (refreshToken ? (issuedCount.get(refreshToken) ?? 0) : [...issuedCount.values()].reduce((a, b) => a + b, 0)),
    get deniedForLimit() {
      return denied;
    },
    accepts,
    latest: () => newest,
    revoke: (token) => {
      for (const [value, issued] of tokens) if (token === undefined || value === token) issued.revoked = true;
    },
    setExpiresIn: (seconds) => {
      expiresIn = seconds;
    },
    refuseAll: (refuse) => {
      refuseAll = refuse;
    },
  };
  return { router, requireAccessToken, control };
}
