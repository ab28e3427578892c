import { isDeepStrictEqual } from "node:util";
import type { ServerProcess, ServerStats } from "./servers/child-protocol";
import { operationText, requestBody, type Scenario, type ServerName, type Target, type Variables } from "./scenarios/scenario";
import { runLoad, type LoadRequest, type LoadResult, type LoadSettings } from "./load";

const SQL_SAMPLE_REQUESTS = 5;
/** How often the server's resident memory is sampled during a load. */
const RSS_SAMPLE_MS = 250;

export type Servers = Record<ServerName, ServerProcess>;

export interface Measurement {
  scenario: string;
  /** e.g. "gateway", "gateway, DataLoader off", "baseline", "gateway, sync off". */
  target: string;
  server: ServerName;
  connections: number;
  load: LoadResult;
  /** SQL statements per request, counted by the server over a few sequential requests. */
  sqlPerRequest: number;
  /** The same over the measured load (approximate: includes requests in flight when it stopped, and token bookkeeping writes). */
  sqlPerRequestUnderLoad: number;
  /** The server's highest resident memory sampled during the load. */
  peakRssBytes: number;
}

export interface ScenarioReport {
  name: string;
  description: string;
  /** Distinct requests the load cycled through (reads), null when every request was new (edits). */
  variants: number | null;
  /** What the first response holds (accounts, work orders, …) and the mean response size. */
  response: Record<string, number> & { bytes: number };
  measurements: Measurement[];
}

export async function post(url: string, body: string, token: string): Promise<string> {
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

/** Something that counts the SQL statements it runs: a server child, or a gateway in this process. */
export interface StatementCounter {
  url: string;
  statements(): Promise<number>;
}

/**
 * SQL statements per request: the server's own count around each of a few sequential requests (after one
 * unmeasured), the fewest: bookkeeping that runs now and then, on a timer rather than per request (the organisation
 * settings cache refreshed every 2 s, a token's last-used time), is left out, so the count says what the request
 * itself costs and does not drift with the machine's speed.
 */
export async function sqlPerRequest(server: StatementCounter, nextBody: () => string, token: string): Promise<number> {
  await post(server.url, nextBody(), token);
  const counts: number[] = [];
  for (let i = 0; i < SQL_SAMPLE_REQUESTS; i++) {
    const before = await server.statements();
    await post(server.url, nextBody(), token);
    counts.push((await server.statements()) - before);
  }
  return Math.min(...counts);
}

const counterOf = (server: ServerProcess): StatementCounter => ({ url: server.url, statements: async () => (await server.stats()).statements });

function cycle(bodies: string[]): () => string {
  let i = 0;
  return () => bodies[i++ % bodies.length];
}

/** A load's peak resident memory of the server, sampled while `work` runs. */
async function withRssPeak<T>(server: ServerProcess, work: Promise<T>): Promise<{ result: T; peakRssBytes: number }> {
  let peak = (await server.stats()).rssBytes;
  let done = false;
  const sampling = (async () => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, RSS_SAMPLE_MS));
      peak = Math.max(peak, (await server.stats()).rssBytes);
    }
  })();
  try {
    return { result: await work, peakRssBytes: peak };
  } finally {
    done = true;
    await sampling;
  }
}

/** Reads: every variant's response from each server, checked, and the gateway's and the others' the same data. */
async function checkReads(
  scenario: Scenario,
  servers: Servers,
  token: string,
): Promise<{ expected: Map<ServerName, Set<string>>; summary: Record<string, number>; bytes: number }> {
  const names = [...new Set(scenario.targets.map((t) => t.server))];
  const expected = new Map(names.map((name) => [name, new Set<string>()]));
  let summary: Record<string, number> = {};
  let bytes = 0;
  for (const [i, variables] of scenario.variants.entries()) {
    const body = requestBody(scenario.operationName, scenario.query, variables);
    const texts = await Promise.all(names.map((name) => post(servers[name].url, body, token)));
    const reference = JSON.parse(texts[0]) as unknown;
    if (i === 0) summary = scenario.check(reference);
    for (const [k, name] of names.entries()) {
      const json = JSON.parse(texts[k]) as unknown;
      scenario.check(json);
      const difference = firstDifference(reference, json);
      if (difference) throw new Error(`${scenario.name} ${JSON.stringify(variables)}: ${names[0]} and ${name} disagree at ${difference}`);
      expected.get(name)?.add(texts[k]);
    }
    bytes += Buffer.byteLength(texts[0]);
  }
  return { expected, summary, bytes: Math.round(bytes / scenario.variants.length) };
}

function loadRequest(scenario: Scenario, target: Target, server: ServerProcess, token: string, expected: Set<string> | undefined): LoadRequest {
  const headers = { authorization: `Bearer ${token}` };
  if (scenario.next) {
    const next = scenario.next;
    return {
      url: server.url,
      headers,
      nextBody: () => requestBody(scenario.operationName, scenario.query, next()),
      verify: (text) => {
        try {
          const json = JSON.parse(text) as unknown;
          scenario.check(json);
          target.check?.(json);
          return true;
        } catch {
          return false;
        }
      },
    };
  }
  const bodies = scenario.variants.map((variables) => requestBody(scenario.operationName, scenario.query, variables));
  return { url: server.url, headers, bodies, verify: (text) => expected?.has(text) ?? false };
}

async function measureTarget(
  scenario: Scenario,
  target: Target,
  server: ServerProcess,
  request: LoadRequest,
  token: string,
  settings: LoadSettings,
): Promise<Measurement> {
  const nextBody = request.nextBody ?? cycle(request.bodies ?? []);
  if (scenario.next) {
    // One checked edit first, so a wrong answer fails with its reason rather than as a count of mismatches.
    const json = JSON.parse(await post(server.url, nextBody(), token)) as unknown;
    scenario.check(json);
    target.check?.(json);
  }
  const sql = await sqlPerRequest(counterOf(server), nextBody, token);
  const connections = scenario.connections ?? settings.connections;
  if (settings.warmupSeconds > 0) await runLoad(request, connections, settings.warmupSeconds);
  const before = await settled(server);
  const { result: load, peakRssBytes } = await withRssPeak(server, runLoad(request, connections, settings.durationSeconds));
  const after = await server.stats();
  return {
    scenario: scenario.name,
    target: target.label,
    server: target.server,
    connections,
    load,
    sqlPerRequest: sql,
    sqlPerRequestUnderLoad: load.requests ? (after.statements - before.statements) / load.requests : 0,
    peakRssBytes,
  };
}

/**
 * One scenario: for reads, check that every server returns the same data for every variant (a ratio between two
 * servers that do not do the same work means nothing: the run fails); then load each target in turn.
 */
export async function measureScenario(
  scenario: Scenario,
  servers: Servers,
  token: string,
  settings: LoadSettings,
  log: (line: string) => void,
): Promise<ScenarioReport> {
  let expected = new Map<ServerName, Set<string>>();
  let summary: Record<string, number> = { objects: 1 };
  let bytes = 0;
  if (!scenario.next) {
    ({ expected, summary, bytes } = await checkReads(scenario, servers, token));
    log(
      `${scenario.name}: ${scenario.targets.map((t) => t.label).join(" / ")} agree on ${scenario.variants.length} request(s) (${summary.objects} objects, ${bytes} bytes in the first)`,
    );
  }
  const measurements: Measurement[] = [];
  for (const target of scenario.targets) {
    const server = servers[target.server];
    if (target.before) {
      await target.before(
        async (operationName: string, file: string, variables: Variables) =>
          JSON.parse(await post(server.url, requestBody(operationName, operationText(file), variables), token)) as unknown,
      );
    }
    log(`${scenario.name}: loading ${target.label}…`);
    const request = loadRequest(scenario, target, server, token, expected.get(target.server));
    measurements.push(await measureTarget(scenario, target, server, request, token, settings));
  }
  return { name: scenario.name, description: scenario.description, variants: scenario.variants.length || null, response: { ...summary, bytes }, measurements };
}
