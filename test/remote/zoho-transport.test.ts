import { afterEach, describe, expect, it } from "vitest";
import pino from "pino";
import { ManualClock } from "../../src/common/clock";
import { loadConfig, type Config, type ZohoConfig } from "../../src/config/config";
import { VendorApiMetrics } from "../../src/metrics/vendor-api-metrics";
import { createZohoTransport } from "../../src/remote/transport/create-zoho-transport";
import { runWithPriority } from "../../src/common/request-priority";
import { VendorUnavailableError } from "../../src/remote/transport/vendor-errors";
import type { ZohoTransport } from "../../src/remote/transport/zoho-transport";
import { RecordRejectedError } from "../../src/common/record-rejected.error";
import { SyncFailure } from "../../src/sync/engine/sync-failure";
import { startTestEmulator, zohoTestConfig, CRM_REFRESH, type TestEmulator } from "./zoho-test-emulator";
import type { OAuthEmulatorOptions } from "../support/zoho-emulator/oauth";
import type { RateLimitOptions } from "../support/zoho-emulator/rate-limit";

const silent = pino({ level: "silent" });
const MINUTE = 60_000;

interface Rig {
  emulator: TestEmulator;
  clock: ManualClock;
  metrics: VendorApiMetrics;
  config: Config;
  /** Every wait the transport asked for, in ms; the manual clock moves by it and no real time passes. */
  sleeps: number[];
  crm: ZohoTransport;
  fsm: ZohoTransport;
  counter: (name: string, labels: Record<string, string>) => Promise<number>;
}

let rig: Rig | null = null;

async function setUp(
  options: { zoho?: Partial<ZohoConfig>; oauth?: Partial<OAuthEmulatorOptions>; crm?: RateLimitOptions; logger?: pino.Logger } = {},
): Promise<Rig> {
  const clock = new ManualClock("2026-11-25T12:00:00.000Z");
  const emulator = await startTestEmulator({ clock, oauth: options.oauth, crm: options.crm });
  const metrics = new VendorApiMetrics();
  const config = { ...loadConfig({}), ...zohoTestConfig(emulator.url, options.zoho) };
  const sleeps: number[] = [];
  const seams = {
    clock,
    random: () => 0,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock.advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
  const counter = async (name: string, labels: Record<string, string>) => {
    const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
    const value = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l));
    return Number(value?.value ?? 0);
  };
  rig = {
    emulator,
    clock,
    metrics,
    config,
    sleeps,
    counter,
    crm: createZohoTransport("crm", config, options.logger ?? silent, metrics, seams),
    fsm: createZohoTransport("fsm", config, options.logger ?? silent, metrics, seams),
  };
  return rig;
}

afterEach(async () => {
  await rig?.emulator.stop();
  rig = null;
});

const get = (transport: ZohoTransport, path: string) => transport.request<{ data: Array<{ path: string }> }>({ method: "GET", path });

describe("Zoho transport: OAuth access tokens", () => {
  it("sends requests to the system's API root with a Zoho-oauthtoken; one refresh serves 20 concurrent requests", async () => {
    const { crm, fsm, emulator, counter } = await setUp();
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => get(crm, `/Accounts/${i}`)));
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(replies[3].body!.data[0].path).toBe("/crm/v8/Accounts/3");
    expect(emulator.oauth.issued()).toBe(1);
    const fsmReply = await fsm.request({ method: "GET", path: "/Companies", query: { page: 2, per_page: 200, skipped: undefined } });
    expect((fsmReply.body as { data: Array<{ path: string }> }).data[0].path).toBe("/fsm/v1/Companies?page=2&per_page=200");
    expect(emulator.oauth.issued()).toBe(2); // the FSM has a refresh token of its own
    expect(await counter("gateway_vendor_token_requests_total", { systems: "crm", outcome: "issued" })).toBe(1);
  });

  it("shares one access token when both systems use the same refresh token", async () => {
    const { crm, fsm, emulator, counter } = await setUp({ zoho: { fsmRefreshToken: CRM_REFRESH } });
    await Promise.all([get(crm, "/Accounts"), get(fsm, "/Companies")]);
    expect(emulator.oauth.issued()).toBe(1);
    expect(await counter("gateway_vendor_token_requests_total", { systems: "crm+fsm", outcome: "issued" })).toBe(1);
  });

  it("refreshes the token before it expires (within the margin), never sending an expired one", async () => {
    const { crm, emulator, clock, counter } = await setUp();
    await get(crm, "/Accounts");
    clock.advance(3600_000 - 300_000 - 1000); // a second before the 5-minute margin: the cached token still serves
    await get(crm, "/Accounts");
    expect(emulator.oauth.issued()).toBe(1);
    clock.advance(2000); // inside the margin
    await get(crm, "/Accounts");
    expect(emulator.oauth.issued()).toBe(2);
    expect(await counter("gateway_vendor_api_requests_total", { system: "crm", status: "401" })).toBe(0);
  });

  it("on 401 INVALID_TOKEN refreshes once and sends again, one refresh for 10 concurrent requests", async () => {
    const { crm, emulator, counter } = await setUp();
    await get(crm, "/Accounts");
    emulator.oauth.revoke();
    const replies = await Promise.all(Array.from({ length: 10 }, () => get(crm, "/Accounts")));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(emulator.oauth.issued()).toBe(2);
    expect(await counter("gateway_vendor_api_requests_total", { system: "crm", status: "401" })).toBeGreaterThanOrEqual(1);
    expect(await counter("gateway_vendor_api_retries_total", { system: "crm", reason: "invalid_token" })).toBeGreaterThanOrEqual(1);
  });

  it("never exceeds the token-issue limit: the 11th refresh in 10 minutes fails as transient without reaching the accounts server", async () => {
    const { crm, emulator, clock, counter } = await setUp();
    for (let i = 0; i < 10; i += 1) {
      emulator.oauth.revoke();
      expect((await get(crm, "/Accounts")).status).toBe(200);
      clock.advance(10_000);
    }
    expect(emulator.oauth.issued()).toBe(10);
    emulator.oauth.revoke();
    const error = await get(crm, "/Accounts").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorUnavailableError);
    expect((error as VendorUnavailableError).reason).toBe("TOKEN_LIMIT");
    expect((error as VendorUnavailableError).message).toMatch(/10 access tokens in the last 10 minutes .* next request is allowed in \d+ s/);
    expect((error as VendorUnavailableError).retryAfterMs).toBeGreaterThan(0);
    expect(emulator.oauth.issued()).toBe(10);
    expect(emulator.oauth.deniedForLimit).toBe(0);
    expect(await counter("gateway_vendor_token_requests_total", { systems: "crm", outcome: "limited" })).toBe(1);
    clock.advance(10 * MINUTE);
    expect((await get(crm, "/Accounts")).status).toBe(200);
    expect(emulator.oauth.issued()).toBe(11);
  });

  it("a token refused again after a refresh fails (no loop of refreshes) and points at the data centre", async () => {
    const { crm, emulator } = await setUp();
    emulator.oauth.refuseAll(true);
    const error = (await get(crm, "/Accounts").catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe("VENDOR_AUTH_FAILED");
    expect(error.message).toMatch(/INVALID_TOKEN.*ZOHO_DATA_CENTRE/);
    expect(emulator.oauth.issued()).toBe(2); // the first token, and one refresh
  });

  it("a refused refresh token names what to check and never the token", async () => {
    const { crm } = await setUp({ zoho: { crmRefreshToken: "1000.revoked-refresh-token" } });
    const error = (await get(crm, "/Accounts").catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe("VENDOR_AUTH_FAILED");
    expect(error.message).toMatch(/invalid_code.*ZOHO_CLIENT_ID.*ZOHO_DATA_CENTRE/);
    expect(error.message).not.toContain("1000.revoked-refresh-token");
  });
});

describe("Zoho transport: data centres and secrets", () => {
  it("picks the accounts server and API hosts of the configured data centre, overridable per host", () => {
    expect(loadConfig({ ZOHO_DATA_CENTRE: "eu" })).toMatchObject({
      zohoAccountsUrl: "https://accounts.zoho.eu",
      crmApiUrl: "https://www.zohoapis.eu",
      fsmApiUrl: "https://fsm.zoho.eu",
    });
    expect(loadConfig({ ZOHO_DATA_CENTRE: ".com.au" })).toMatchObject({
      zohoAccountsUrl: "https://accounts.zoho.com.au",
      crmApiUrl: "https://www.zohoapis.com.au",
    });
    expect(loadConfig({ ZOHO_DATA_CENTRE: "ca" }).zohoAccountsUrl).toBe("https://accounts.zohocloud.ca");
    expect(loadConfig({})).toMatchObject({
      zohoAccountsUrl: "https://accounts.zoho.com",
      crmApiUrl: "https://www.zohoapis.com",
      fsmApiUrl: "https://fsm.zoho.com",
    });
    expect(loadConfig({ ZOHO_DATA_CENTRE: "in", FSM_API_URL: "https://www.zohoapis.in/" }).fsmApiUrl).toBe("https://www.zohoapis.in");
    expect(() => loadConfig({ ZOHO_DATA_CENTRE: "mars" })).toThrow(/ZOHO_DATA_CENTRE must be one of com, eu, in, com.au, jp, ca, sa, uk, com.cn/);
    expect(() => loadConfig({ CRM_NOTIFICATION_TOKEN: "x".repeat(51) })).toThrow(/at most 50 characters/);
  });

  it("names the missing OAuth settings when a system has none", () => {
    const config = loadConfig({ ZOHO_CLIENT_ID: "1000.X" });
    expect(() => createZohoTransport("fsm", config, silent, new VendorApiMetrics())).toThrow(
      "The FSM connector over the Zoho API needs ZOHO_CLIENT_SECRET, FSM_REFRESH_TOKEN (or ZOHO_REFRESH_TOKEN)",
    );
  });

  it("never writes an access or refresh token to the log, through refreshes, 401s and refusals", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "trace" }, { write: (line: string) => void lines.push(line) });
    const { crm, emulator } = await setUp({ logger });
    await get(crm, "/Accounts");
    const first = emulator.oauth.latest()!;
    emulator.oauth.revoke();
    await get(crm, "/Accounts");
    emulator.crmLimits.rejectNext(1, 1);
    await get(crm, "/Accounts");
    const second = emulator.oauth.latest()!;
    expect(lines.join("")).toContain("vendor access token refreshed");
    for (const secret of [first, second, CRM_REFRESH, "test-client-secret"]) expect(lines.join("")).not.toContain(secret);
  });
});

describe("Zoho transport: rate limits and failures", () => {
  it("honours 429 Retry-After in seconds, then succeeds", async () => {
    const { crm, emulator, sleeps, counter } = await setUp();
    emulator.crmLimits.rejectNext(2, 7);
    const reply = await get(crm, "/Accounts");
    expect(reply.status).toBe(200);
    expect(sleeps.filter((ms) => ms >= 7000)).toHaveLength(2);
    expect(Math.min(...sleeps.filter((ms) => ms >= 7000))).toBe(7000);
    expect(await counter("gateway_vendor_api_rate_limited_total", { system: "crm" })).toBe(2);
  });

  it("honours a Retry-After given as an HTTP date", async () => {
    const { crm, emulator, clock, sleeps } = await setUp();
    emulator.crmLimits.rejectNext(1, new Date(clock.now().getTime() + 42_000).toUTCString());
    expect((await get(crm, "/Accounts")).status).toBe(200);
    expect(sleeps.some((ms) => ms >= 41_000 && ms <= 43_000)).toBe(true);
  });

  it("past the retry budget a 429 becomes a transient error, and a long Retry-After pauses the org's budget", async () => {
    const { crm, emulator, sleeps } = await setUp({ zoho: { maxRetries: 2, maxRetryWaitMs: 60_000 } });
    emulator.crmLimits.rejectNext(3, 1);
    const error = (await get(crm, "/Accounts").catch((e: unknown) => e)) as VendorUnavailableError;
    expect(error).toBeInstanceOf(VendorUnavailableError);
    expect(error).toMatchObject({ reason: "RATE_LIMITED", code: "VENDOR_UNAVAILABLE", transient: true });
    // The sync engine retries anything that is not a rejection (src/sync/engine/sync-engine.ts failureReason).
    expect(error).not.toBeInstanceOf(RecordRejectedError);
    expect(error).not.toBeInstanceOf(SyncFailure);
    expect(emulator.crmLimits.rejected).toBe(3);

    emulator.crmLimits.rejectNext(1, 3600);
    const long = (await get(crm, "/Accounts").catch((e: unknown) => e)) as VendorUnavailableError;
    expect(long).toMatchObject({ reason: "RATE_LIMITED", retryAfterMs: 3_600_000 });
    sleeps.length = 0;
    expect((await get(crm, "/Accounts")).status).toBe(200); // waited for the pause, without another 429
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3_600_000);
    expect(emulator.crmLimits.rejected).toBe(4);
  });

  it("retries 5xx for a GET, but never resends a POST that may have arrived", async () => {
    const { crm, emulator, counter } = await setUp();
    emulator.crmLimits.failNext(2, 503);
    expect((await get(crm, "/Accounts")).status).toBe(200);
    expect(await counter("gateway_vendor_api_retries_total", { system: "crm", reason: "server_error" })).toBe(2);
    emulator.crmLimits.failNext(1, 500);
    const error = (await crm
      .request({ method: "POST", path: "/Accounts", body: { data: [{ Account_Name: "x" }] } })
      .catch((e: unknown) => e)) as VendorUnavailableError;
    expect(error).toMatchObject({ reason: "SERVER_ERROR" });
    expect(emulator.crmLimits.arrivals.filter((a) => a.startsWith("POST"))).toHaveLength(0);
    expect(await counter("gateway_vendor_api_requests_total", { system: "crm", status: "500" })).toBe(1);
  });

  it("counts credits in a rolling 24-hour window and takes the CRM's X-API-CREDITS-REMAINING once it is sent", async () => {
    const { crm, fsm, clock, counter } = await setUp({ crm: { creditLimit: 10 }, zoho: { crmDailyCredits: 10 } });
    for (let i = 0; i < 3; i += 1) await get(crm, "/Accounts");
    await get(fsm, "/Companies");
    expect(await counter("gateway_vendor_api_credits_used", { system: "crm" })).toBe(3);
    expect(await counter("gateway_vendor_api_credits_remaining", { system: "crm" })).toBe(7);
    expect(await counter("gateway_vendor_api_credits_used", { system: "fsm" })).toBe(1);
    clock.advance(12 * 3_600_000);
    for (let i = 0; i < 3; i += 1) await get(crm, "/Accounts"); // 6 of 10 used: the CRM now reports what is left
    expect(await counter("gateway_vendor_api_credits_remaining", { system: "crm" })).toBe(4);
    clock.advance(12 * 3_600_000 + 60_000);
    expect(await counter("gateway_vendor_api_credits_used", { system: "crm" })).toBe(3); // the first three left the window
    expect(await counter("gateway_vendor_api_credits_remaining", { system: "crm" })).toBe(7); // the CRM's figure is old: our estimate again
  });

  it("returns 204 as a null body and 4xx answers to the connector", async () => {
    const { crm } = await setUp();
    expect(await get(crm, "/Accounts/empty")).toMatchObject({ status: 204, body: null });
  });

  it("lets interactive requests overtake queued sync and bulk ones when the budget is saturated", async () => {
    const { crm, emulator } = await setUp({ zoho: { crmMaxConcurrent: 1 } });
    await get(crm, "/warm-up");
    emulator.crmLimits.arrivals.length = 0;
    const release = emulator.crmLimits.hold();
    const first = get(crm, "/A");
    while (emulator.crmLimits.atDoor < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const queued = [
      runWithPriority("bulk", () => get(crm, "/B1")),
      runWithPriority("bulk", () => get(crm, "/B2")),
      runWithPriority("sync", () => get(crm, "/S1")),
      runWithPriority("bulk", () => get(crm, "/B3")),
      get(crm, "/I1"),
      runWithPriority("sync", () => get(crm, "/S2")),
      crm.request({ method: "GET", path: "/I2", priority: "interactive" }),
    ];
    const waiting = (await rig!.metrics.registry.getMetricsAsJSON()).find((m) => m.name === "gateway_vendor_api_requests_waiting")!;
    expect(waiting.values.find((v) => v.labels.priority === "bulk")?.value).toBe(3);
    release();
    await Promise.all([first, ...queued]);
    expect(emulator.crmLimits.arrivals).toEqual(["/A", "/I1", "/I2", "/S1", "/S2", "/B1", "/B2", "/B3"].map((p) => `GET /crm/v8${p}`));
    expect(emulator.crmLimits.maxInFlight).toBe(1);
  });
});
