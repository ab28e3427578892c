import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GraphQLFormattedError } from "graphql";
import { Client } from "pg";
import { startTestGateway, testConfig, type TestGateway } from "../support/test-gateway";
import { buildSmallOrg } from "../support/small-org";
import { startGateway, type Gateway } from "../../src/gateway";
import { createLogger } from "../../src/http/logger";
import { ADMINISTRATOR_PROFILE, STANDARD_PROFILE } from "../../src/access/user.entity";
import type { Config } from "../../src/config/config";

/** What a refusal may take, loosely: the limits answer in milliseconds, but this machine is shared. */
const PROMPT_MS = 1000;
const MIB = 1024 * 1024;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  errors: GraphQLFormattedError[];
  data?: Record<string, unknown> | null;
  ms: number;
}

/** Sends anything to the endpoint, as any HTTP client could, and times the answer. */
async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  const ms = performance.now() - started;
  let body: { errors?: GraphQLFormattedError[]; data?: Record<string, unknown> | null } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not JSON: the assertions on `text` say so
  }
  return { status: response.status, headers: response.headers, text, errors: body.errors ?? [], data: body.data, ms };
}

function post(url: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
  return send(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A query nesting `levels` fields: Accounts → Work Orders → (Service Appointments → Work Order)… */
function nestedQuery(levels: number): string {
  const fields = ["accounts(first: 1)", "nodes", "workOrders"];
  while (fields.length < levels) fields.push(fields.length % 2 === 1 ? "serviceAppointments" : "workOrder");
  return `{ ${fields.map((field) => `${field} {`).join(" ")} id ${"}".repeat(levels)} }`;
}

/** Depth 9 with four nested lists under a page of 200: 200 × 20⁴ = 32 million Service Appointments, if it ran. */
const FAN_OUT =
  "{ accounts(first: 200) { nodes { workOrders { serviceAppointments { workOrder { serviceAppointments { workOrder { serviceAppointments { workOrder { serviceAppointments { id } } } } } } } } } } }";
const FAN_OUT_DEPTH_8 =
  "{ accounts(first: 200) { nodes { workOrders { serviceAppointments { workOrder { serviceAppointments { workOrder { serviceAppointments { id } } } } } } } } }";
const NESTED_ACCOUNTS =
  "query NestedAccounts($first: Int!) { accounts(first: $first) { nodes { id accountName workOrders { id summary serviceAppointments { id status scheduledStart } } deals { id dealName requests { id summary status } } } } }";
const NORMAL = "{ accounts(first: 5) { nodes { accountName } } }";

function aliases(count: number, field = "__typename"): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(" ")} }`;
}

function comments(bytes: number): string {
  const line = `#${"x".repeat(78)}\n`;
  return line.repeat(Math.ceil(bytes / line.length));
}

function expectCleanJson(answer: Answer) {
  expect(answer.headers.get("content-type")).toMatch(/application\/json/);
  expect(answer.text).not.toMatch(/<html|<pre|stacktrace|at \w+ \(|\.ts:\d+|\.js:\d+|node_modules|SELECT|sqlite|QueryFailedError/i);
}

describe("request limits, each refused with its own code before execution", () => {
  let t: TestGateway;

  /** The SQL run while `work` is answered (authentication reads the token, user and organisation). */
  async function statements(work: () => Promise<Answer>): Promise<{ answer: Answer; statements: string[] }> {
    const seen: string[] = [];
    const spy = vi.spyOn(t.gateway.queryCounter, "logQuery").mockImplementation(function (this: { count: number }, sql: string) {
      this.count += 1;
      seen.push(sql);
    });
    try {
      return { answer: await work(), statements: seen };
    } finally {
      spy.mockRestore();
    }
  }
  /** Statements that read or write records: what executing any of the refused operations would run. */
  const touchingRecords = (sql: string[]) => sql.filter((statement) => /\b(crm|fsm)_/.test(statement));

  /** Refused with the code and status, promptly, having run no SQL beyond authentication; a normal query then answers promptly. */
  async function expectRefused(work: () => Promise<Answer>, status: number, code: string): Promise<Answer> {
    const { answer, statements: refusedSql } = await statements(work);
    expect(answer.status).toBe(status);
    expect(answer.errors[0]?.extensions?.code).toBe(code);
    expect(answer.data ?? undefined).toBeUndefined();
    expect(answer.ms).toBeLessThan(PROMPT_MS);
    expect(touchingRecords(refusedSql)).toEqual([]);
    expect(refusedSql.length).toBeLessThanOrEqual(3); // authentication at most
    expectCleanJson(answer);
    const { answer: next, statements: nextSql } = await statements(() => post(t.url, { query: NORMAL }, t.standard.token));
    expect(next.errors).toEqual([]);
    expect((next.data?.accounts as { nodes: { accountName: string }[] }).nodes.map((n) => n.accountName).sort()).toEqual(["Acme Facilities", "Beta Hotels"]);
    expect(next.ms).toBeLessThan(PROMPT_MS);
    expect(touchingRecords(nextSql).length).toBeGreaterThan(0); // the check above would see a query that ran
    return answer;
  }

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false }); // no background SQL: the statement counts are the requests' own
    await buildSmallOrg(t.services, t.admin.user.id);
    await post(t.url, { query: "{ __typename }" }, t.standard.token); // the token's last-used time is written once
  });
  afterAll(() => t.stop());

  it("refuses a 1,000-level nested query with QUERY_TOO_DEEP", async () => {
    const refused = await expectRefused(() => post(t.url, { query: nestedQuery(1000) }, t.standard.token), 400, "QUERY_TOO_DEEP");
    expect(refused.errors[0]).toMatchObject({ extensions: { depth: 1001, maxDepth: 12 } });
    expect(refused.errors[0].message).toContain("depth limit is 12");
    // 12 levels are within the depth limit: what refuses this one is its cost (five nested lists).
    expect((await post(t.url, { query: nestedQuery(11) }, t.standard.token)).errors[0].extensions?.code).toBe("QUERY_TOO_COSTLY");
  });

  it("refuses depth-8 and depth-10 fan-outs of millions of objects with QUERY_TOO_COSTLY, giving the cost", async () => {
    for (const query of [FAN_OUT_DEPTH_8, FAN_OUT]) {
      const refused = await expectRefused(() => post(t.url, { query }, t.standard.token), 400, "QUERY_TOO_COSTLY");
      expect(refused.errors[0].extensions).toMatchObject({ maxCost: 1_000_000 });
      expect(refused.errors[0].extensions?.cost).toBeGreaterThan(32_000_000);
      expect(refused.errors[0].message).toMatch(/cost limit of 1000000/);
    }
  });

  it("lets the frontend's nested page through the cost limit, at 50 and at 200 Accounts", async () => {
    for (const first of [50, 200]) {
      const answer = await post(t.url, { query: NESTED_ACCOUNTS, variables: { first } }, t.standard.token);
      expect(answer.errors).toEqual([]);
      expect((answer.data?.accounts as { nodes: unknown[] }).nodes).toHaveLength(2);
    }
  });

  it("refuses 10,000 aliases (the token limit stops the parser first) and 51 aliases with TOO_MANY_ALIASES", async () => {
    const huge = await expectRefused(() => post(t.url, { query: aliases(10_000) }, t.standard.token), 400, "TOO_MANY_TOKENS");
    expect(huge.errors[0]).toMatchObject({ extensions: { maxTokens: 5000 } });
    const refused = await expectRefused(() => post(t.url, { query: `{ me ${aliases(51, "id")} }` }, t.standard.token), 400, "TOO_MANY_ALIASES");
    expect(refused.errors[0]).toMatchObject({ extensions: { aliases: 51, maxAliases: 50 } });
    expect((await post(t.url, { query: `{ me ${aliases(50, "id")} }` }, t.standard.token)).errors).toEqual([]);
  });

  it("refuses a document of more than 5,000 tokens with TOO_MANY_TOKENS", async () => {
    const refused = await expectRefused(() => post(t.url, { query: `{ me { ${"id ".repeat(5000)} } }` }, t.standard.token), 400, "TOO_MANY_TOKENS");
    expect(refused.errors[0].message).toContain("token limit is 5000");
  });

  it("refuses a 10 MB string argument with 413 PAYLOAD_TOO_LARGE, as JSON", async () => {
    const query = `{ account(id: "${"x".repeat(10 * MIB)}") { id } }`;
    const refused = await expectRefused(() => post(t.url, { query }, t.standard.token), 413, "PAYLOAD_TOO_LARGE");
    expect(refused.errors[0]).toMatchObject({ extensions: { maxBytes: MIB } });
  });

  it("refuses a 2 MB body of comments with 413, and parses 900 KB of them promptly (comments are no tokens)", async () => {
    await expectRefused(() => post(t.url, { query: `${comments(2 * MIB)}{ me { id } }` }, t.standard.token), 413, "PAYLOAD_TOO_LARGE");
    const answer = await post(t.url, { query: `${comments(900 * 1024)}{ me { profile } }` }, t.standard.token);
    expect(answer.data).toEqual({ me: { profile: "Standard" } });
    expect(answer.ms).toBeLessThan(PROMPT_MS);
  });

  it("refuses batched operations (batching is off by default) with TOO_MANY_OPERATIONS", async () => {
    const refused = await expectRefused(() => post(t.url, [{ query: NORMAL }, { query: NORMAL }], t.standard.token), 400, "TOO_MANY_OPERATIONS");
    expect(refused.errors[0]).toMatchObject({ extensions: { operations: 2, maxOperations: 1 } });
  });

  it("refuses a page above 200 with BAD_USER_INPUT on `first`, before execution", async () => {
    const refused = await expectRefused(() => post(t.url, { query: "{ workOrders(first: 1000) { nodes { id } } }" }, t.standard.token), 400, "BAD_USER_INPUT");
    expect(refused.errors[0]).toMatchObject({ extensions: { field: "first", maxPageSize: 200 } });
  });

  it("answers malformed and garbage bodies with clean JSON errors", async () => {
    for (const body of ['{"query": "{ me { id } }"', "\u0000\u00ff garbage \u0001", "[1, 2"]) {
      const answer = await expectRefused(() => post(t.url, body, t.standard.token), 400, "BAD_REQUEST");
      expect(answer.errors[0].message).toBe("The request body is not valid JSON");
    }
    const notGraphQL = await post(t.url, { query: 42 }, t.standard.token);
    expect(notGraphQL.status).toBe(400);
    expectCleanJson(notGraphQL);
  });

  it("refuses cross-site requests a browser sends without a preflight (CSRF prevention), running nothing", async () => {
    const query = encodeURIComponent("{ me { id } }");
    const simpleRequests: RequestInit[] = [
      { method: "GET", headers: { authorization: `Bearer ${t.standard.token}` } },
      {
        method: "POST",
        headers: { "content-type": "text/plain", authorization: `Bearer ${t.standard.token}` },
        body: JSON.stringify({ query: "{ me { id } }" }),
      },
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `query=${query}` },
      {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=x" },
        body: `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ me { id } }\r\n--x--\r\n`,
      },
    ];
    for (const init of simpleRequests) {
      const { answer, statements: sql } = await statements(() => send(`${t.url}?query=${query}`, init));
      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/Cross-Site Request Forgery/);
      // Refused before anything runs but the token's lookup (the rate limit is keyed on whose token it is).
      expect(sql.filter((statement) => !/\bgw_api_token\b|^(BEGIN|COMMIT|START TRANSACTION)/i.test(statement))).toEqual([]);
      expectCleanJson(answer);
    }
    const preflighted = await send(`${t.url}?query=${query}`, { headers: { authorization: `Bearer ${t.standard.token}`, "apollo-require-preflight": "true" } });
    expect(preflighted.data).toEqual({ me: { id: t.standard.user.id } });
  });

  it("suggests field names in development", async () => {
    const answer = await post(t.url, { query: "{ accounts(first: 1) { nodes { accountNam } } }" }, t.standard.token);
    expect(answer.errors[0].message).toContain('Did you mean "accountName"?');
  });

  it("echoes a sane X-Request-Id and replaces anything else with a fresh id", async () => {
    const sane = await post(t.url, { query: "{ __typename }" }, t.standard.token, { "x-request-id": "edge-7f3a:42" });
    expect(sane.headers.get("x-request-id")).toBe("edge-7f3a:42");
    for (const insane of ["has spaces", "x".repeat(200), "<script>"]) {
      const replaced = await post(t.url, { query: "{ __typename }" }, t.standard.token, { "x-request-id": insane });
      expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    const refused = await post(t.url, "{", t.standard.token, { "x-request-id": "edge-refused" });
    expect(refused.headers.get("x-request-id")).toBe("edge-refused");
  });
});

describe("production switches, raised limits and the time budget", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      syncWorker: false,
      introspection: false,
      graphqlSuggestions: false,
      maxTokens: 200_000,
      maxBatchedOperations: 3,
      executionTimeoutMs: 300,
    });
    await buildSmallOrg(t.services, t.admin.user.id);
  });
  afterAll(() => t.stop());

  it("refuses introspection, signed in or not (anonymous callers get 401 before validation)", async () => {
    for (const [token, status, code] of [
      [undefined, 401, "UNAUTHENTICATED"],
      [t.admin.token, 400, "GRAPHQL_VALIDATION_FAILED"],
    ] as const) {
      const answer = await post(t.url, { query: "{ __schema { queryType { name } } }" }, token);
      expect(answer.status).toBe(status);
      expect(answer.errors[0].extensions?.code).toBe(code);
      expect(answer.data ?? undefined).toBeUndefined();
    }
  });

  it("suggests no field, argument or enum names", async () => {
    const field = await post(t.url, { query: "{ accounts(first: 1) { nodes { accountNam } } }" }, t.standard.token);
    expect(field.errors[0].message).toBe('Cannot query field "accountNam" on type "Account".');
    const argument = await post(t.url, { query: "{ accounts(frist: 1) { totalCount } }" }, t.standard.token);
    expect(argument.errors[0].message).not.toMatch(/Did you mean/);
    const enumValue = await post(t.url, { query: "query($s: SortOrder!) { accounts(sort: $s) { totalCount } }", variables: { s: "DES" } }, t.standard.token);
    expect(enumValue.errors[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(enumValue.errors[0].message).toContain('"DES"');
    expect(JSON.stringify([field, argument, enumValue].map((a) => a.errors))).not.toMatch(/Did you mean|"DESC"/);
  });

  it("refuses 10,000 aliases with TOO_MANY_ALIASES when the token limit lets them through to validation", async () => {
    const before = t.gateway.queryCounter.count;
    const refused = await post(t.url, { query: aliases(10_000) }, t.standard.token);
    expect(refused.status).toBe(400);
    expect(refused.errors[0]).toMatchObject({ extensions: { code: "TOO_MANY_ALIASES", aliases: 10_000, maxAliases: 50 } });
    expect(refused.ms).toBeLessThan(PROMPT_MS);
    expect(t.gateway.queryCounter.count - before).toBeLessThanOrEqual(3); // authentication only
  });

  it("runs a batch of up to 3 operations and refuses 4", async () => {
    const batch = (n: number) => Array.from({ length: n }, () => ({ query: "{ me { profile } }" }));
    const ran = await send(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.standard.token}` },
      body: JSON.stringify(batch(3)),
    });
    expect(JSON.parse(ran.text)).toEqual(batch(3).map(() => ({ data: { me: { profile: "Standard" } } })));
    const refused = await post(t.url, batch(4), t.standard.token);
    expect(refused).toMatchObject({ status: 400, errors: [{ extensions: { code: "TOO_MANY_OPERATIONS", operations: 4, maxOperations: 3 } }] });
  });

  it("answers EXECUTION_TIMEOUT at the budget when a resolver hangs, and keeps serving", async () => {
    const list = t.services.crm.list.bind(t.services.crm);
    let slowFinished!: Promise<unknown>;
    const spy = vi.spyOn(t.services.crm, "list").mockImplementationOnce((...args: Parameters<typeof list>) => {
      slowFinished = new Promise((resolve) => setTimeout(resolve, 1500)).then(() => list(...args));
      return slowFinished as ReturnType<typeof list>;
    });
    try {
      const timedOut = await post(t.url, { query: NORMAL }, t.standard.token);
      expect(timedOut.status).toBe(503);
      expect(timedOut.errors[0]).toMatchObject({ extensions: { code: "EXECUTION_TIMEOUT", timeoutMs: 300 } });
      expect(timedOut.ms).toBeGreaterThanOrEqual(250);
      expect(timedOut.ms).toBeLessThan(PROMPT_MS);
      expectCleanJson(timedOut);
      const next = await post(t.url, { query: NORMAL }, t.standard.token);
      expect(next.errors).toEqual([]);
      expect(next.ms).toBeLessThan(PROMPT_MS);
      await slowFinished; // the abandoned execution runs to its end; nothing more is sent
    } finally {
      spy.mockRestore();
    }
  });
});

/** A gateway whose logs the test reads: the real logger (with its redaction) writing into an array. */
async function startLoggedGateway(overrides: Partial<Config>, lines: string[]) {
  const databaseUrl = process.env.DATABASE_URL;
  const schema = databaseUrl ? `test_${randomBytes(6).toString("hex")}` : null;
  const onPostgres = async (sql: string) => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  if (schema) await onPostgres(`CREATE SCHEMA ${schema}`);
  const config = testConfig({ databaseSchema: schema, logLevel: "debug", ...overrides });
  const gateway: Gateway = await startGateway(config, createLogger(config, { write: (line: string) => void lines.push(line) }));
  const tokenFor = async (name: string, profile: string) => {
    const user = await gateway.services.access.createUser({ name, email: `${name.toLowerCase()}@test.example`, profile });
    return (await gateway.services.access.issueToken(user.id, "test")).token;
  };
  return {
    gateway,
    adminToken: await tokenFor("Admin", ADMINISTRATOR_PROFILE),
    standardToken: await tokenFor("Sam", STANDARD_PROFILE),
    stop: async () => {
      await gateway.stop();
      if (schema) await onPostgres(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

describe("the per-token rate limit and the request logs", () => {
  const lines: string[] = [];
  let g: Awaited<ReturnType<typeof startLoggedGateway>>;

  beforeAll(async () => {
    g = await startLoggedGateway({ rateLimitPerMinute: 5 }, lines);
  });
  afterAll(() => g.stop());

  it("answers 429 RATE_LIMITED with Retry-After past 5 requests a minute, per token and per address", async () => {
    for (let i = 0; i < 5; i += 1) {
      const answer = await post(g.gateway.url, { query: "{ me { profile } }" }, g.adminToken);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("ratelimit-remaining")).toBe(String(4 - i));
    }
    const limited = await post(g.gateway.url, { query: "{ me { profile } }" }, g.adminToken);
    expect(limited.status).toBe(429);
    expect(limited.errors[0]).toMatchObject({ extensions: { code: "RATE_LIMITED", limitPerMinute: 5 } });
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.errors[0].extensions?.retryAfterSeconds).toBe(retryAfter);
    expectCleanJson(limited);

    // Another token has a budget of its own; so do anonymous callers, by address.
    expect((await post(g.gateway.url, { query: "{ me { profile } }" }, g.standardToken)).status).toBe(200);
    const anonymous = await Promise.all(Array.from({ length: 6 }, () => post(g.gateway.url, { query: "{ me { id } }" })));
    expect(anonymous.map((a) => a.status).sort()).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("logs one JSON line per request with its id, and no token, cookie or personal field value", async () => {
    const personal = { lastName: "Quillfeather", firstName: "Odalys", email: "odalys.quillfeather@personal.example", phone: "+1 555 0147 9921" };
    const token = g.standardToken;
    const cookie = "session=cookie-secret-7b1c";
    const create = await post(
      g.gateway.url,
      {
        operationName: "CreateContact",
        query: "mutation CreateContact($input: CrmContactInput!) { createCrmContact(input: $input) { record { id } } }",
        variables: { input: personal },
      },
      token,
      { "x-request-id": "log-test-create", cookie },
    );
    expect(create.errors).toEqual([]);
    const viaGet = await send(
      `${g.gateway.url}?query=${encodeURIComponent(`{ crmContacts(first: 1, filter: { email: "${personal.email}" }) { totalCount } }`)}`,
      {
        headers: { authorization: `Bearer ${token}`, "apollo-require-preflight": "true", "x-request-id": "log-test-get", cookie },
      },
    );
    expect(viaGet.status).toBe(200);
    const failed = await post(
      g.gateway.url,
      {
        query: "mutation($input: CrmContactInput!) { createCrmContact(input: $input) { record { id } } }",
        variables: { input: { ...personal, email: `not an email ${personal.email}` } },
      },
      token,
      { "x-request-id": "log-test-invalid" },
    );
    expect(failed.errors[0].extensions?.code).toBe("BAD_USER_INPUT");

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLines = entries.filter((entry) => entry.msg === "request");
    expect(requestLines.find((entry) => entry.requestId === "log-test-create")).toMatchObject({
      method: "POST",
      path: "/graphql",
      status: 200,
      operationName: "CreateContact",
    });
    expect(requestLines.find((entry) => entry.requestId === "log-test-get")).toMatchObject({ method: "GET", path: "/graphql", status: 200 });
    expect(requestLines.find((entry) => entry.requestId === "log-test-invalid")).toMatchObject({ status: 200 });
    expect(requestLines.find((entry) => entry.status === 429)).toMatchObject({ refusal: "RATE_LIMITED" });
    expect(requestLines.every((entry) => typeof entry.requestId === "string" && typeof entry.durationMs === "number")).toBe(true);

    const everything = lines.join("\n");
    for (const secret of [g.adminToken, token, "cookie-secret-7b1c", ...Object.values(personal), "Quillfeather", "odalys"]) {
      expect(everything).not.toContain(secret);
    }
  });
});
