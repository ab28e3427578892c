import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { Clock } from "../../src/common/clock";
import { loadConfig, type Config, type ZohoConfig } from "../../src/config/config";
import { createOAuthEmulator, type OAuthControl, type OAuthEmulatorOptions } from "../support/zoho-emulator/oauth";
import { createRateLimit, type RateLimitControl, type RateLimitOptions } from "../support/zoho-emulator/rate-limit";
import { createNotificationsEmulator, type NotificationsControl } from "../support/zoho-emulator/notifications";

export const CLIENT = { clientId: "1000.TESTCLIENT", clientSecret: "test-client-secret" };
export const CRM_REFRESH = "1000.crm-refresh-token";
export const FSM_REFRESH = "1000.fsm-refresh-token";

export interface TestEmulator {
  url: string;
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
export async function startTestEmulator(options: { clock?: Clock; oauth?: Partial<OAuthEmulatorOptions>; crm?: RateLimitOptions; fsm?: RateLimitOptions } = {}): Promise<TestEmulator> {
  const oauth = createOAuthEmulator({ ...CLIENT, refreshTokens: [CRM_REFRESH, FSM_REFRESH], clock: options.clock, ...options.oauth });
  const crm = createRateLimit(options.crm);
  const fsm = createRateLimit(options.fsm);
  const notifications = createNotificationsEmulator({ clock: options.clock });
  const app = express();
  app.use(oauth.router);
  app.use("/crm/v8", oauth.requireAccessToken, crm.middleware, notifications.router);
  app.use("/fsm/v1", oauth.requireAccessToken, fsm.middleware);
  app.use(express.json());
  app.all(/.*/, (req, res) => {
    if (req.method === "GET" && req.path.endsWith("/empty")) {
      res.status(204).end();
      return;
    }
    res.status(req.method === "POST" ? 201 : 200).json({ data: [{ method: req.method, path: req.originalUrl, body: req.body ?? null }] });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, oauth: oauth.control, crmLimits: crm.control, fsmLimits: fsm.control, notifications: notifications.control,
    stop: () => new Promise<void>((resolve) => {
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
    zohoAccountsUrl: url,
    zohoClientId: CLIENT.clientId,
    zohoClientSecret: CLIENT.clientSecret,
    zoho: { ...loadConfig({}).zoho, crmRefreshToken: CRM_REFRESH, fsmRefreshToken: FSM_REFRESH, ...zoho },
  };
}
