import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphQLFormattedError } from "graphql";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { DemoOrgSeeder } from "../../src/seed/seed-demo-org";
import { DEMO_SCALE } from "../../src/seed/demo-scale";
import { createLogger } from "../../src/http/logger";
import { testConfig } from "../support/test-gateway";

const BUDGET_MS = 300;
/** What a request may take past its budget, measured by the server (its request log line). */
const GRACE_MS = 1000;
/**
 * Measured by the client, which shares the server's process and event loop here: its ten requests go out and
 * their answers are read between the server's turns, so it sees more than the server does.
 */
const CLIENT_GRACE_MS = 2000;
const CONCURRENT = 10;

/** Allowed by every static limit (cost ≈ 126,000 of 1,000,000), yet hundreds of milliseconds of work on this org. */
const HEAVY = `query Heavy {
  accounts(first: 200) { nodes { id accountName phone
    workOrders { id summary status serviceAppointments { id status scheduledStart workOrder { id summary } } }
    deals { id dealName requests { id summary status } }
    contacts { id lastName email }
  } }
}`;

/** Large enough that ten heavy queries at once take seconds of database and CPU work. */
const SCALE = { ...DEMO_SCALE, accounts: 200, contactsPerAccount: 3, workOrdersPerAccount: 6, appointmentsPerWorkOrder: 3, fsmWorkShare: 1 };

interface Timed {
  status: number;
  ms: number;
  errors: GraphQLFormattedError[];
}

describe("the execution time budget, under load", () => {
  let t: TestGateway;
  const lines: string[] = [];

  beforeAll(async () => {
    const overrides = { syncWorker: false, executionTimeoutMs: BUDGET_MS, rateLimitPerMinute: 0, logLevel: "info" as const };
    const logger = createLogger(testConfig(overrides), { write: (line: string) => void lines.push(line) });
    t = await startTestGateway(overrides, { logger });
    await new DemoOrgSeeder(t.services, SCALE, { userId: t.admin.user.id }).run();
  }, 120_000);
  afterAll(() => t.stop());

  async function heavy(): Promise<Timed> {
    const started = performance.now();
    const response = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.admin.token}` },
      body: JSON.stringify({ query: HEAVY, operationName: "Heavy" }),
    });
    const body = (await response.json()) as { errors?: GraphQLFormattedError[] };
    return { status: response.status, ms: performance.now() - started, errors: body.errors ?? [] };
  }

  it("ends each of ten concurrent heavy queries within the budget + 1 s, and stops their work", async () => {
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, heavy));
    const statementsAtLastAnswer = t.gateway.queryCounter.count;
    const timedOut = answers.filter((a) => a.status === 503);
    // Some must have run out of time, or the test proves nothing about the budget.
    expect(timedOut.length, JSON.stringify(answers.map((a) => [a.status, Math.round(a.ms)]))).toBeGreaterThan(0);
    for (const answer of timedOut) {
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors[0]).toMatchObject({ extensions: { code: "EXECUTION_TIMEOUT", timeoutMs: BUDGET_MS } });
    }
    for (const answer of answers) expect(answer.status === 200 || answer.status === 503).toBe(true);
    const served = lines
      .map((line) => JSON.parse(line) as { msg: string; operationName?: string; durationMs: number })
      .filter((e) => e.msg === "request" && e.operationName === "Heavy");
    expect(served).toHaveLength(CONCURRENT);
    expect(Math.max(...served.map((e) => e.durationMs)), JSON.stringify(served.map((e) => Math.round(e.durationMs)))).toBeLessThan(BUDGET_MS + GRACE_MS);
    expect(Math.max(...answers.map((a) => a.ms)), JSON.stringify(answers.map((a) => Math.round(a.ms)))).toBeLessThan(BUDGET_MS + CLIENT_GRACE_MS);
    // A request past its budget starts no further statements: nothing keeps running once every client has its answer.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(t.gateway.queryCounter.count - statementsAtLastAnswer).toBe(0);
  });

  it("still answers a light query in full", async () => {
    const response = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.admin.token}` },
      body: JSON.stringify({ query: "{ accounts(first: 2) { nodes { id } } }" }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { accounts: { nodes: unknown[] } } }).data.accounts.nodes).toHaveLength(2);
  });

  it("lets a mutation that waits past the budget finish and answers what it wrote, never a timeout for a change that was made", async () => {
    // The token's last use is fresh, so authenticating writes nothing and the budget starts at once.
    await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.admin.token}` },
      body: '{"query":"{ me { id } }"}',
    });
    // Another transaction holds the writes for three budgets: the mutation waits behind it.
    const holdMs = BUDGET_MS * 3;
    const holder = t.services.db.transaction(async (m) => {
      if (t.services.db.dialect === "postgres") await m.query("LOCK TABLE crm_contact IN EXCLUSIVE MODE");
      await new Promise((resolve) => setTimeout(resolve, holdMs));
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    const response = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.admin.token}` },
      body: JSON.stringify({ query: 'mutation { createCrmContact(input: { lastName: "Late Writer" }) { record { id lastName } } }' }),
    });
    const body = (await response.json()) as { data?: { createCrmContact: { record: { id: string; lastName: string } } }; errors?: unknown[] };
    await holder;
    expect(performance.now() - started).toBeGreaterThan(BUDGET_MS);
    expect({ status: response.status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    expect(body.data?.createCrmContact.record.lastName).toBe("Late Writer");
  });
});
