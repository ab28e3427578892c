import fs from "node:fs";
import fc from "fast-check";
import { expect } from "vitest";
import { GatewayChild } from "../../support/gateway-child-process";
import type { AbuseGateway } from "./abuse-gateway";
import { AbuseLedger } from "./abuse-ledger";

/** The bounds the suite states: the gateway's resident memory, and how fast a normal query answers afterwards. */
export const MAX_RSS_BYTES = Number(process.env.ABUSE_MAX_RSS_MB ?? 1024) * 1024 * 1024;
export const NORMAL_QUERY_MS = Number(process.env.ABUSE_NORMAL_QUERY_MS ?? 1000);
/** Scales every property's number of inputs (ABUSE_RUNS_SCALE=10 for a long run). */
const RUNS_SCALE = Number(process.env.ABUSE_RUNS_SCALE ?? 1);
/** Hard time limit of one property, whatever its number of inputs. */
export const PROPERTY_BUDGET_MS = Number(process.env.ABUSE_PROPERTY_BUDGET_MS ?? 12_000);

/** VmRSS of a process, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return kb ? Number(kb[1]) * 1024 : 0;
}

export const NORMAL_QUERY = "query Normal { accounts(first: 5) { nodes { id accountName } } }";

/** After abuse: the process is up, its memory under the bound, and a normal query answers correctly and fast. */
export async function expectStillHealthy(gateway: AbuseGateway, after: string): Promise<{ rssMb: number; normalMs: number }> {
  expect(gateway.child.alive, `gateway exited (${gateway.child.exitStatus}) after ${after}\n${GatewayChild.output}`).toBe(true);
  const rss = rssBytes(gateway.child.pid);
  expect(rss, `gateway RSS ${Math.round(rss / 2 ** 20)} MB after ${after}, bound ${MAX_RSS_BYTES / 2 ** 20} MB`).toBeLessThan(MAX_RSS_BYTES);
  // The first answer after a flood may still wait for the tail of it; the best of three is the gateway's own speed.
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3 && best >= NORMAL_QUERY_MS; i += 1) {
    const started = performance.now();
    const response = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${gateway.adminToken}` },
      body: JSON.stringify({ query: NORMAL_QUERY }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json()) as { data?: { accounts?: { nodes?: unknown[] } }; errors?: unknown };
    best = Math.min(best, performance.now() - started);
    expect(body.errors, `normal query after ${after}`).toBeUndefined();
    expect(Array.isArray(body.data?.accounts?.nodes)).toBe(true);
  }
  expect(best, `normal query took ${Math.round(best)} ms after ${after}`).toBeLessThan(NORMAL_QUERY_MS);
  const measured = { rssMb: Math.round(rss / 2 ** 20), normalMs: Math.round(best) };
  console.log(
    `[abuse] ${gateway.store}, after ${after}: gateway RSS ${measured.rssMb} MB (bound ${MAX_RSS_BYTES / 2 ** 20}), normal query ${measured.normalMs} ms (bound ${NORMAL_QUERY_MS})`,
  );
  return measured;
}

/**
 * Sends `runs` generated inputs (fewer if the time budget runs out) through `send`, which records answers and
 * breaches in the ledger. Deterministic under the ledger's seed (PROPERTY_SEED when set). The property itself
 * never fails: breaches are collected so one run reports every finding; `expectNoBreaches` fails the test after.
 */
export async function sendGenerated<T>(ledger: AbuseLedger, arbitrary: fc.Arbitrary<T>, runs: number, send: (input: T) => Promise<void>): Promise<void> {
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (input) => {
      await send(input);
    }),
    {
      seed: ledger.seed,
      numRuns: Math.max(1, Math.round(runs * RUNS_SCALE)),
      interruptAfterTimeLimit: PROPERTY_BUDGET_MS * RUNS_SCALE,
      markInterruptAsFailure: false,
    },
  );
  // Only the suite's own code can throw here (a send that did not catch): that is a defect of the suite.
  if (details.failed) throw new Error(`abuse property threw (seed ${ledger.seed}): ${String(details.errorInstance ?? "unknown")}`);
}

/** Prints the summary line, then fails with every finding if there is one. */
export function expectNoBreaches(ledger: AbuseLedger, gateway: AbuseGateway): void {
  console.log(`${ledger.summary()} [${gateway.store}, seed ${ledger.seed}]`);
  expect(ledger.breaches, `${ledger.name} on ${gateway.store} (replay: PROPERTY_SEED=${ledger.seed}):\n${ledger.report()}`).toBe(0);
}

/** Every file's generated inputs follow one seed: PROPERTY_SEED when CI sets it, else a fresh one, printed. */
const SEED = Number(process.env.PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));

export const newLedger = (name: string) => new AbuseLedger(name, SEED);
