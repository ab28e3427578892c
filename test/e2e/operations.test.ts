import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MigrationExecutor } from "typeorm";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, postGraphQL, query } from "../support/graphql-client";
import { AccountsDocument, CreateProductDocument, MeDocument } from "../generated/graphql";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";

/** The base URL (http://host:port) of a gateway whose GraphQL endpoint is `url`. */
const baseOf = (url: string) => url.replace(/\/graphql$/, "");

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
}

/** One sample of the exposition text: `name{a="x",b="y"} value` with exactly these labels (order as written by prom-client). */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of metrics.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2] ? match[2].split(/,(?=[a-zA-Z_]+=")/) : [];
    if (have.length === wanted.length && wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return undefined;
}

describe("operations: /healthz, /readyz and /metrics", () => {
  let t: TestGateway;
  let base: string;

  beforeAll(async () => {
    // The worker is off so outbox entries the test writes stay where they are.
    t = await startTestGateway({ syncWorker: false });
    base = baseOf(t.url);
  });
  afterAll(() => t.stop());

  it("/healthz: the process is up (no auth, nothing personal)", async () => {
    const response = await get(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("/readyz: ready when the database answers and every migration is applied", async () => {
    const response = await get(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ status: "ok", checks: { database: { status: "ok" }, migrations: { status: "ok" }, writes: { status: "ok" } } });
  });

  it("/readyz: 503 naming the migration the database lacks", async () => {
    const executor = new MigrationExecutor(t.services.db.dataSource);
    const executed = await executor.getExecutedMigrations();
    const last = executed.reduce((a, b) => (b.timestamp > a.timestamp ? b : a));
    // Forget the newest migration's record, as a database restored from before it would be.
    await executor.deleteMigration(last);
    try {
      const response = await get(`${base}/readyz`);
      expect(response.status).toBe(503);
      expect(response.json()).toEqual({
        status: "unavailable",
        checks: {
          database: { status: "ok" },
          migrations: { status: "failed", message: "1 migration not applied", pending: [last.name] },
          writes: { status: "skipped" },
        },
      });
      // Liveness does not depend on the database: the process is not to be restarted for this.
      expect((await get(`${base}/healthz`)).status).toBe(200);
    } finally {
      await executor.insertMigration(last);
    }
    expect((await get(`${base}/readyz`)).status).toBe(200);
  });

  it("/metrics: requests by operation and outcome, latency, sync queue depth and lag, sync outcomes and failures by reason", async () => {
    const token = t.standard.token;
    await query(t.url, AccountsDocument, { first: 5 }, token);
    await query(t.url, AccountsDocument, { first: 5 }, token);
    await query(t.url, MeDocument, {}, token);
    // A failed sync: a Product without Unit Price is refused by the FSM (MANDATORY_NOT_FOUND).
    const { createProduct } = await query(t.url, CreateProductDocument, { input: { productName: "No Price", type: "Goods" } }, token);
    expect(createProduct.sync).toMatchObject({ status: "FAILED", reason: "MANDATORY_NOT_FOUND" });
    // Refusals: no token, an unknown token, an invalid document.
    expect((await execute(t.url, AccountsDocument, { first: 1 })).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await execute(t.url, AccountsDocument, { first: 1 }, "gw_not_a_token")).status).toBe(401);
    expect((await postGraphQL(t.url, { query: "query Broken { noSuchField }" }, token)).errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");

    // Backlog: one entry waiting for a retry since 90 s, one deletion held for an admin.
    const now = Date.now();
    const waiting = (state: "PENDING" | "HELD", agoMs: number, attempts: number) =>
      Object.assign(new OutboxEntry(), {
        side: "CRM",
        module: "Accounts",
        recordId: `metrics-${state}`,
        operation: state === "HELD" ? "DELETE" : "UPDATE",
        values: null,
        origin: "HOOK",
        userId: null,
        state,
        attempts,
        nextAttemptTime: new Date(now + 60_000),
        lastError: null,
        createdTime: new Date(now - agoMs),
        processedTime: null,
      });
    const entries = await t.services.db.manager.save([waiting("PENDING", 90_000, 2), waiting("HELD", 5_000, 0)]);

    try {
      const response = await get(`${base}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = response.text;

      expect(sample(text, "gateway_graphql_requests_total", { operation: "Accounts", type: "query", outcome: "ok" })).toBe(2);
      expect(sample(text, "gateway_graphql_requests_total", { operation: "Me", type: "query", outcome: "ok" })).toBe(1);
      // The mutation answered with data: a failed sync is reported in the payload, not as a GraphQL error.
      expect(sample(text, "gateway_graphql_requests_total", { operation: "CreateProduct", type: "mutation", outcome: "ok" })).toBe(1);
      expect(sample(text, "gateway_graphql_requests_total", { operation: "(unauthenticated)", type: "query", outcome: "UNAUTHENTICATED" })).toBe(1);
      expect(sample(text, "gateway_graphql_requests_total", { operation: "(none)", type: "unknown", outcome: "UNAUTHENTICATED" })).toBe(1);
      expect(sample(text, "gateway_graphql_requests_total", { operation: "(none)", type: "unknown", outcome: "GRAPHQL_VALIDATION_FAILED" })).toBe(1);

      expect(sample(text, "gateway_graphql_request_duration_seconds_count", { operation: "Accounts", type: "query" })).toBe(2);
      const seconds = sample(text, "gateway_graphql_request_duration_seconds_sum", { operation: "Accounts", type: "query" })!;
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThan(10);
      expect(sample(text, "gateway_graphql_request_duration_seconds_bucket", { le: "+Inf", operation: "Accounts", type: "query" })).toBe(2);

      expect(sample(text, "gateway_sync_queue_depth")).toBe(1);
      expect(sample(text, "gateway_sync_queue_retrying")).toBe(1);
      expect(sample(text, "gateway_sync_held_deletions")).toBe(1);
      const lag = sample(text, "gateway_sync_queue_lag_seconds")!;
      expect(lag).toBeGreaterThanOrEqual(90);
      expect(lag).toBeLessThan(150);

      expect(sample(text, "gateway_sync_events_total", { pair: "PRODUCTS_SERVICES_AND_PARTS", flow: "CRM_TO_FSM", status: "FAILED" })).toBe(1);
      expect(sample(text, "gateway_sync_failures_total", { pair: "PRODUCTS_SERVICES_AND_PARTS", reason: "MANDATORY_NOT_FOUND" })).toBe(1);

      // Default process metrics come along.
      expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
      // Labels hold names and codes only: nothing the requests carried.
      expect(text).not.toContain("No Price");
      expect(text).not.toContain(token);
    } finally {
      await t.services.db.manager.remove(entries);
    }

    // An empty queue has no lag.
    const after = (await get(`${base}/metrics`)).text;
    expect(sample(after, "gateway_sync_queue_depth")).toBe(0);
    expect(sample(after, "gateway_sync_queue_lag_seconds")).toBe(0);
    // The scrape itself is not a GraphQL request, and the counters only grow.
    expect(sample(after, "gateway_graphql_requests_total", { operation: "Accounts", type: "query", outcome: "ok" })).toBe(2);
  });
});

describe("operations: METRICS_TOKEN, and a closed database", () => {
  let t: TestGateway;
  let base: string;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false, metricsToken: "metrics-secret-1" });
    base = baseOf(t.url);
  });
  afterAll(() => t.stop());

  it("/metrics requires the bearer token when one is configured; health endpoints stay open", async () => {
    const refused: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong" },
      { authorization: "metrics-secret-1" },
      { authorization: `Bearer ${t.admin.token}` },
    ];
    for (const headers of refused) {
      const response = await get(`${base}/metrics`, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(response.text).not.toContain("gateway_");
    }
    const response = await get(`${base}/metrics`, { authorization: "Bearer metrics-secret-1" });
    expect(response.status).toBe(200);
    expect(response.text).toContain("# TYPE gateway_graphql_requests_total counter");
    expect((await get(`${base}/healthz`)).status).toBe(200);
    expect((await get(`${base}/readyz`)).status).toBe(200);
  });

  it("/readyz: 503 when the database is closed; /healthz still 200, /metrics still answers", async () => {
    const { dataSource } = t.services.db;
    await dataSource.destroy();
    try {
      const response = await get(`${base}/readyz`);
      expect(response.status).toBe(503);
      expect(response.json()).toEqual({
        status: "unavailable",
        checks: { database: { status: "failed", message: "database connection is closed" }, migrations: { status: "skipped" }, writes: { status: "skipped" } },
      });
      expect((await get(`${base}/healthz`)).status).toBe(200);
      const metrics = await get(`${base}/metrics`, { authorization: "Bearer metrics-secret-1" });
      expect(metrics.status).toBe(200);
      expect(sample(metrics.text, "gateway_sync_queue_depth")).toBeNaN();
    } finally {
      await dataSource.initialize(); // so that stop() has something to close
    }
  });
});
