import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Logger } from "pino";
import type { Database } from "../db/database";
import { SyncStatus, type SyncEvent } from "../sync/history/sync-event.entity";
import { SYNC_EVENTS, type SyncEventsPubSub } from "../sync/sync-events";
import { readSyncQueueStats } from "./sync-queue-stats";

/** Distinct operation names kept as label values; later new names count as OTHER_OPERATIONS (bounded cardinality). */
export const MAX_OPERATION_NAMES = 200;
export const OTHER_OPERATIONS = "(other)";
const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

let processRegistry: Registry | null = null;

/** Node.js process metrics (CPU, memory, event loop, GC…), collected once per process however many gateways it runs. */
function defaultMetricsRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface OperationSample {
  /** The operation's name, "(anonymous)", "(unauthenticated)" or "(none)" when no operation was resolved. */
  operation: string;
  /** query, mutation, subscription, or unknown. */
  type: string;
  /** "ok", or the code of the response's first error (e.g. BAD_USER_INPUT, UNAUTHENTICATED). */
  outcome: string;
  /** Wall time from receipt to response; absent when the request failed before Apollo started it. */
  seconds?: number;
}

/**
 * The gateway's Prometheus metrics: GraphQL operations (fed by graphqlMetricsPlugin), the outbox backlog (read
 * from the database on each scrape) and sync outcomes (counted from the in-process sync-event stream, so each
 * process reports what it synced). Labels carry operation names, codes and pairs, never record data.
 */
export class GatewayMetrics {
  readonly registry: Registry;
  private readonly requests: Counter<"operation" | "type" | "outcome">;
  private readonly duration: Histogram<"operation" | "type">;
  private readonly queueDepth: Gauge;
  private readonly queueRetrying: Gauge;
  private readonly queueHeld: Gauge;
  private readonly queueLag: Gauge;
  private readonly syncEvents: Counter<"pair" | "flow" | "status">;
  private readonly syncFailures: Counter<"pair" | "reason">;
  private readonly operationNames = new Set<string>();
  private subscription: AsyncIterator<SyncEvent> | null = null;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    /** Registries of other parts (the vendor APIs' metrics), exposed on the same endpoint. */
    extraRegistries: Registry[] = [],
  ) {
    const own = new Registry();
    const registers = [own];
    this.requests = new Counter({
      name: "gateway_graphql_requests_total",
      help: "GraphQL requests over HTTP by operation name, operation type and outcome (ok or the first error's code).",
      labelNames: ["operation", "type", "outcome"],
      registers,
    });
    this.duration = new Histogram({
      name: "gateway_graphql_request_duration_seconds",
      help: "GraphQL request latency over HTTP, from receipt to response, by operation name and type.",
      labelNames: ["operation", "type"],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
    this.queueDepth = new Gauge({ name: "gateway_sync_queue_depth", help: "Outbox entries waiting to be synced (read on scrape).", registers });
    this.queueRetrying = new Gauge({
      name: "gateway_sync_queue_retrying",
      help: "Waiting outbox entries that failed transiently and wait for a retry with backoff (read on scrape).",
      registers,
    });
    this.queueHeld = new Gauge({
      name: "gateway_sync_held_deletions",
      help: "Change-feed deletions held by the mass-delete guard for an admin to confirm or discard (read on scrape).",
      registers,
    });
    this.queueLag = new Gauge({
      name: "gateway_sync_queue_lag_seconds",
      help: "Age of the oldest waiting outbox entry in seconds, 0 when none waits (read on scrape).",
      registers,
    });
    this.syncEvents = new Counter({
      name: "gateway_sync_events_total",
      help: "Records synced by this process, by pair, direction and status (SYNCED, SKIPPED, FAILED).",
      labelNames: ["pair", "flow", "status"],
      registers,
    });
    this.syncFailures = new Counter({
      name: "gateway_sync_failures_total",
      help: "Failed syncs by this process, by pair and reason (e.g. MANDATORY_NOT_FOUND, TRANSIENT_ERROR).",
      labelNames: ["pair", "reason"],
      registers,
    });
    this.registry = Registry.merge([defaultMetricsRegistry(), own, ...extraRegistries]);
  }

  /** Starts counting sync events published on the in-process stream. */
  start(pubsub: SyncEventsPubSub): void {
    if (this.subscription) return;
    const iterator = pubsub.subscribe(SYNC_EVENTS)[Symbol.asyncIterator]();
    this.subscription = iterator;
    void (async () => {
      for (;;) {
        // Not destructured: a finished iterator's value is the repeater's untyped return value.
        const next = await iterator.next();
        if (next.done) return;
        this.recordSyncEvent(next.value);
      }
    })().catch((error: unknown) => this.logger.warn({ err: error }, "sync metrics stopped counting"));
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.return?.();
  }

  recordSyncEvent(event: SyncEvent): void {
    this.syncEvents.inc({ pair: event.pair, flow: event.flow, status: event.status });
    if (event.status === SyncStatus.FAILED) this.syncFailures.inc({ pair: event.pair, reason: event.reason ?? "UNKNOWN" });
  }

  recordOperation(sample: OperationSample): void {
    const operation = this.operationLabel(sample.operation);
    this.requests.inc({ operation, type: sample.type, outcome: sample.outcome });
    if (sample.seconds !== undefined) this.duration.observe({ operation, type: sample.type }, sample.seconds);
  }

  /** The exposition text, with the outbox gauges read now. A database error leaves them NaN rather than failing the scrape. */
  async render(): Promise<string> {
    try {
      const stats = await readSyncQueueStats(this.db);
      this.queueDepth.set(stats.pending);
      this.queueRetrying.set(stats.retrying);
      this.queueHeld.set(stats.held);
      this.queueLag.set(stats.lagSeconds);
    } catch (error) {
      this.logger.warn({ err: error }, "metrics could not read the sync queue");
      for (const gauge of [this.queueDepth, this.queueRetrying, this.queueHeld, this.queueLag]) gauge.set(Number.NaN);
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private operationLabel(name: string): string {
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return OTHER_OPERATIONS;
    this.operationNames.add(name);
    return name;
  }
}
