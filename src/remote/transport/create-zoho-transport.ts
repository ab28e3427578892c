import { setTimeout as delay } from "node:timers/promises";
import type { Logger } from "pino";
import type { Config } from "../../config/config";
import { systemClock, type Clock } from "../../common/clock";
import type { VendorApiMetrics } from "../../metrics/vendor-api-metrics";
import { AccessTokenSource, type FetchFn } from "./access-token-source";
import { CreditLedger } from "./credit-ledger";
import { accountsUrl, apiBaseUrl, type ZohoSystem } from "./data-centres";
import { RequestScheduler, type Sleep } from "./request-scheduler";
import { SlidingWindow } from "./sliding-window";
import { ZohoHttpTransport } from "./zoho-http-transport";
import type { ZohoTransport } from "./zoho-transport";
import { byKey, otherKey } from "../../common/side";

/** Seams for tests: a ManualClock and a sleep that moves it make waits of minutes take no time. */
export interface ZohoTransportSeams {
  clock?: Clock;
  sleep?: Sleep;
  fetch?: FetchFn;
  random?: () => number;
}

interface Shared {
  transports: Map<ZohoSystem, ZohoHttpTransport>;
  /** One token source per refresh token: the token-issue limit is the vendor's per refresh token. */
  tokens: Map<string, AccessTokenSource>;
}

/** Per gateway (its Config object): one transport per system, so every caller shares the org's budget. */
const perGateway = new WeakMap<Config, Shared>();

const realSleep: Sleep = (ms) => delay(ms, undefined, { ref: false });

/** A system's refresh token: its own (CRM_REFRESH_TOKEN / FSM_REFRESH_TOKEN), else the shared ZOHO_REFRESH_TOKEN. */
function refreshTokenOf(system: ZohoSystem, config: Config): string | null {
  return byKey(system, { crm: config.zoho.crmRefreshToken, fsm: config.zoho.fsmRefreshToken }) ?? config.zohoRefreshToken;
}

/** Whether the OAuth settings a system needs are present (the connector choice itself is CRM_CONNECTOR / FSM_CONNECTOR). */
export function zohoCredentialsFor(system: ZohoSystem, config: Config): boolean {
  return Boolean(config.zohoClientId && config.zohoClientSecret && refreshTokenOf(system, config));
}

/**
 * The transport of one system (crm: {api domain}/crm/v8, fsm: {fsm host}/fsm/v1) for this gateway. Called
 * again with the same config it returns the same transport: the store, the notification channel keeper and
 * anything else share one request budget, one credit count and one token per refresh token.
 */
export function createZohoTransport(
  system: ZohoSystem,
  config: Config,
  logger: Logger,
  metrics: VendorApiMetrics,
  seams: ZohoTransportSeams = {},
): ZohoTransport {
  let shared = perGateway.get(config);
  if (!shared) {
    shared = { transports: new Map(), tokens: new Map() };
    perGateway.set(config, shared);
  }
  const existing = shared.transports.get(system);
  if (existing) return existing;

  const { zoho, zohoClientId: clientId, zohoClientSecret: clientSecret } = config;
  const refreshToken = refreshTokenOf(system, config);
  if (!clientId || !clientSecret || !refreshToken) {
    const missing = [
      !clientId && "ZOHO_CLIENT_ID",
      !clientSecret && "ZOHO_CLIENT_SECRET",
      !refreshToken && `${system.toUpperCase()}_REFRESH_TOKEN (or ZOHO_REFRESH_TOKEN)`,
    ].filter(Boolean);
    throw new Error(`The ${system.toUpperCase()} connector over the Zoho API needs ${missing.join(", ")}`);
  }
  const clock = seams.clock ?? systemClock;
  const sleep = seams.sleep ?? realSleep;
  const fetchFn = seams.fetch ?? fetch;
  const log = logger.child({ component: "zoho-transport", system });
  const tokenUrl = `${accountsUrl(config)}/oauth/v2/token`;
  const tokenKey = `${tokenUrl}\n${clientId}\n${refreshToken}`;
  let tokens = shared.tokens.get(tokenKey);
  if (!tokens) {
    const sharedWithOther = refreshTokenOf(otherKey(system), config) === refreshToken;
    tokens = new AccessTokenSource({
      tokenUrl,
      clientId,
      clientSecret,
      refreshToken,
      label: sharedWithOther ? "crm+fsm" : system,
      system,
      marginMs: zoho.tokenRefreshMarginMs,
      issueLimit: new SlidingWindow(zoho.tokenIssueLimit, zoho.tokenIssueWindowMs, clock),
      clock,
      fetch: fetchFn,
      metrics,
      logger: log,
    });
    shared.tokens.set(tokenKey, tokens);
  }
  const scheduler = new RequestScheduler(byKey(system, { crm: zoho.crmMaxConcurrent, fsm: zoho.fsmMaxConcurrent }), clock, sleep);
  const ledger = new CreditLedger(byKey(system, { crm: zoho.crmDailyCredits, fsm: zoho.fsmDailyCalls }), clock);
  metrics.track(system, ledger, scheduler);
  const transport = new ZohoHttpTransport({
    system,
    baseUrl: apiBaseUrl(system, config),
    tokens,
    scheduler,
    ledger,
    metrics,
    logger: log,
    clock,
    sleep,
    fetch: fetchFn,
    random: seams.random ?? Math.random,
    maxRetries: zoho.maxRetries,
    maxRetryWaitMs: zoho.maxRetryWaitMs,
    timeoutMs: zoho.requestTimeoutMs,
  });
  shared.transports.set(system, transport);
  return transport;
}
