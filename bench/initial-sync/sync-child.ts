import "reflect-metadata";
import { createLogger } from "../../src/http/logger";
import { startGateway } from "../../src/gateway";
import { DuplicateMode, type InitialSyncJob } from "../../src/sync/initial/initial-sync-job.entity";
import { benchGatewayConfig, type DatabaseTarget } from "../database";

/**
 * Child process (forked by run-sync.ts): the real gateway (sync worker off) on the seeded database starts the
 * initial sync with `services.initialSync.start(OVERWRITE)` and waits for it (`idle()`); it reports its progress,
 * the time, its peak RSS (getrusage maxRSS) and the SQL statements run.
 */

export const CHILD_PAYLOAD_ENV = "BENCH_INITIAL_SYNC_CHILD";
/** How often the sync process samples its heap and checks its event loop (a timer that fires late = a stall). */
export const SAMPLE_MS = 50;

export interface ChildPayload {
  target: DatabaseTarget;
  batchSize: number;
  adminId: string;
}

export type FromChild =
  | { type: "progress"; done: number; total: number; seconds: number; rssBytes: number }
  | { type: "result"; result: SyncResult }
  | { type: "failed"; message: string };

export interface SyncResult {
  job: Pick<InitialSyncJob, "id" | "state" | "done" | "total" | "counts" | "error">;
  /** From start() to the job's end, as the child measured it. */
  seconds: number;
  /** Process peak resident memory (getrusage), bytes: the gateway process, start-up included. */
  peakRssBytes: number;
  /** RSS just before the sync started (after the gateway's start-up). */
  rssBeforeBytes: number;
  /** Highest heap used seen by a timer sampling every SAMPLE_MS (only when the event loop lets it run). */
  peakHeapUsedBytes: number;
  /** The longest the event loop went without running timers (HTTP requests wait as long), ms. */
  longestStallMs: number;
  statements: number;
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
}

async function childMain(): Promise<void> {
  const rawPayload = process.env[CHILD_PAYLOAD_ENV];
  if (!rawPayload) throw new Error(`${CHILD_PAYLOAD_ENV} is not set: this module runs as a child of measure-initial-sync`);
  const payload = JSON.parse(rawPayload) as ChildPayload;
  const send = (message: FromChild) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
  const config = benchGatewayConfig(payload.target, { syncWorker: false, initialSyncBatchSize: payload.batchSize });
  const gateway = await startGateway(config, createLogger(config));
  const { initialSync } = gateway.services;
  const rssBeforeBytes = process.memoryUsage().rss;
  const statementsBefore = gateway.queryCounter.count;
  const cpuBefore = process.cpuUsage();
  let peakHeapUsedBytes = 0;
  let lastTick = performance.now();
  let longestStallMs = 0;
  const sampler = setInterval(() => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - lastTick - SAMPLE_MS);
    lastTick = now;
    peakHeapUsedBytes = Math.max(peakHeapUsedBytes, process.memoryUsage().heapUsed);
  }, SAMPLE_MS);
  const started = performance.now();
  const job = await initialSync.start(DuplicateMode.OVERWRITE, payload.adminId);
  const progress = setInterval(() => {
    initialSync.get(job.id).then(
      (j) => void send({ type: "progress", done: j.done, total: j.total, seconds: (performance.now() - started) / 1000, rssBytes: process.memoryUsage().rss }),
      () => undefined,
    );
  }, 5_000);
  await initialSync.idle();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(progress);
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  const statements = gateway.queryCounter.count - statementsBefore;
  const final = await initialSync.get(job.id);
  await gateway.stop();
  await send({
    type: "result",
    result: {
      job: { id: final.id, state: final.state, done: final.done, total: final.total, counts: final.counts, error: final.error },
      seconds,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      rssBeforeBytes,
      peakHeapUsedBytes,
      longestStallMs,
      statements,
      cpuUserSeconds: cpu.user / 1e6,
      cpuSystemSeconds: cpu.system / 1e6,
    },
  });
}

if (process.env[CHILD_PAYLOAD_ENV]) {
  childMain().then(
    () => process.disconnect?.(),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
      const message: FromChild = { type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      if (process.send) process.send(message, () => process.disconnect());
    },
  );
}
