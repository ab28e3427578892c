import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { Clock } from "../../src/common/clock";
import { loadConfig, type Config, type ZohoConfig } from "../../src/config/config";
import { EventEmitter } from "node:events";
import type { OAuthControl, OAuthEmulatorOptions } from "../support/zoho-emulator/oauth";
import type { RateLimitControl, RateLimitOptions } from "../support/zoho-emulator/rate-limit";
import type { NotificationsControl } from "../support/zoho-emulator/notifications";
import { createTransportParts } from "../support/zoho-emulator/transport-parts";

export const CLIENT = { clientId: "1000.TESTCLIENT", clientSecret: "test-client-secret" };
export const CRM_REFRESH = "1000.crm-refresh-token";
export const FSM_REFRESH = "1000.fsm-refresh-token";

export interface TestEmulator {
  url: string;
  /** ZOHO_ACCOUNTS_URL */
  accountsUrl: string;
  oauth: OAuthControl;
  crmLimits: RateLimitControl;
  fsmLimits: RateLimitControl;
  notifications: NotificationsControl;
  stop(): Promise<void>;
}

/**
 * The transport's emulator parts (accounts server, limits, CRM notifications) composed on one port, with a
 * stand-in for the record APIs that echoes the call (the records emulator is the connectors' part).
 */
export async function startTestEmulator(
  options: { clock?: Clock; oauth?: Partial<OAuthEmulatorOptions>; crm?: RateLimitOptions; fsm?: RateLimitOptions } = {},
): Promise<TestEmulator> {
  const parts = createTransportParts({
    oauth: { ...CLIENT, refreshTokens: [CRM_REFRESH, FSM_REFRESH], ...options.oauth },
    crm: options.crm,
    fsm: options.fsm,
    clock: options.clock,
  });
  const context = { acceptsToken: (token: string) => token.length > 0, changes: new EventEmitter() };
  const app = express();
  for (const factory of parts.factories) app.use(factory(context));
  app.use(express.json());
  // Stands in for the record APIs: checks the token the way they do, then echoes the call.
  app.all(/.*/, (req, res) => {
    const token = /^Zoho-oauthtoken\s+(\S+)$/.exec(req.get("authorization") ?? "")?.[1];
    if (!token || !context.acceptsToken(token)) {
      res.status(401).json({ code: "INVALID_TOKEN", details: {}, message: "invalid oauth token", status: "error" });
      return;
    }
    if (req.method === "GET" && req.path.endsWith("/empty")) {
      res.status(204).end();
      return;
    }
    res.status(req.method === "POST" ? 201 : 200).json({ data: [{ method: req.method, path: req.originalUrl, body: (req.body as unknown) ?? null }] });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    accountsUrl: `${url}/accounts`,
    oauth: parts.oauth,
    crmLimits: parts.crmLimits,
    fsmLimits: parts.fsmLimits,
    notifications: parts.notifications,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Config overrides pointing the gateway's Zoho transports at the emulator, each system with its own refresh token. */
export function zohoTestConfig(url: string, zoho: Partial<ZohoConfig> = {}): Partial<Config> {
  return {
    crmApiUrl: url,
    fsmApiUrl: url,
    zohoAccountsUrl: `${url}/accounts`,
    zohoClientId: CLIENT.clientId,
    zohoClientSecret: CLIENT.clientSecret,
    zoho: { ...loadConfig({}).zoho, crmRefreshToken: CRM_REFRESH, fsmRefreshToken: FSM_REFRESH, ...zoho },
  };
}
