import { isDeepStrictEqual } from "node:util";
import type { ServerProcess, ServerStats } from "./servers/child-protocol";
import { requestBody, type Scenario } from "./scenarios";
import { runLoad, type LoadSettings } from "./load";
import { ratios, type Measurement, type ScenarioReport, type ServerName } from "./report";

const SQL_SAMPLE_REQUESTS = 5;

export interface Servers {
  gateway: ServerProcess;
  /** Null when the store has no baseline. */
  baseline: ServerProcess | null;
}

async function post(url: string, body: string, token: string): Promise<string> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body,
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

/** The first place two JSON values differ, as a path, or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, at = "$"): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const difference = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (difference) return difference;
    }
  } else if (a && b && typeof a === "object" && typeof b === "object") {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
      if (difference) return difference;
    }
  }
  return `${at}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
}

/** The server's stats once requests left over from a load (still in flight when it stopped) have finished. */
async function settled(server: ServerProcess): Promise<ServerStats> {
  let last = await server.stats();
  for (let i = 0; i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await server.stats();
    if (next.statements === last.statements) return next;
    last = next;
  }
  return last;
}

/** SQL statements per request: the server's own count around a few sequential requests. */
async function sqlPerRequest(server: ServerProcess, body: string, token: string): Promise<number> {
  await post(server.url, body, token);
  const before = await server.stats();
  for (let i = 0; i < SQL_SAMPLE_REQUESTS; i++) await post(server.url, body, token);
  const after = await server.stats();
  return (after.statements - before.statements) / SQL_SAMPLE_REQUESTS;
}

async function measure(scenario: Scenario, name: ServerName, server: ServerProcess, body: string, expectBody: string, token: string, settings: LoadSettings): Promise<Measurement> {
  const request = { url: server.url, body, headers: { authorization: `Bearer ${token}` }, expectBody };
  const sql = await sqlPerRequest(server, body, token);
  if (settings.warmupSeconds > 0) await runLoad(request, settings.connections, settings.warmupSeconds);
  const before = await settled(server);
  const load = await runLoad(request, settings.connections, settings.durationSeconds);
  const after = await server.stats();
  return {
    scenario: scenario.name,
    server: name,
    load,
    sqlPerRequest: sql,
    sqlPerRequestUnderLoad: load.requests ? (after.statements - before.statements) / load.requests : 0,
    peakRssBytes: after.peakRssBytes,
  };
}

/**
 * One scenario: check that the gateway and the baseline return the same data, then load each in turn.
 * Throws when the data differs: a ratio between two servers that do not do the same work means nothing.
 */
export async function measureScenario(scenario: Scenario, servers: Servers, token: string, settings: LoadSettings, log: (line: string) => void): Promise<ScenarioReport> {
  const body = requestBody(scenario);
  const gatewayText = await post(servers.gateway.url, body, token);
  const gatewayJson = JSON.parse(gatewayText) as unknown;
  const summary = scenario.check(gatewayJson);
  let baselineText: string | null = null;
  if (servers.baseline) {
    baselineText = await post(servers.baseline.url, body, token);
    const baselineJson = JSON.parse(baselineText) as unknown;
    scenario.check(baselineJson);
    const difference = firstDifference(gatewayJson, baselineJson);
    if (difference) throw new Error(`${scenario.name}: the gateway and the baseline disagree at ${difference}`);
  }
  log(`${scenario.name}: gateway and baseline agree (${summary.objects} objects, ${Buffer.byteLength(gatewayText)} bytes)`);

  const measurements: Measurement[] = [];
  log(`${scenario.name}: loading the gateway…`);
  measurements.push(await measure(scenario, "gateway", servers.gateway, body, gatewayText, token, settings));
  if (servers.baseline && baselineText !== null) {
    log(`${scenario.name}: loading the baseline…`);
    measurements.push(await measure(scenario, "baseline", servers.baseline, body, baselineText, token, settings));
  }
  return {
    name: scenario.name,
    description: scenario.description,
    response: { ...summary, bytes: Buffer.byteLength(gatewayText) },
    sameData: servers.baseline !== null,
    sameBytes: baselineText === gatewayText,
    measurements,
    ratios: ratios(measurements),
  };
}
