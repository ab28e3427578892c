import type { Socket } from "node:net";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, testConfig, type TestGateway } from "../support/test-gateway";
import { RawGraphqlWs } from "../support/raw-graphql-ws";
import { probeEvent } from "../support/probe-event";
import type { Gateway } from "../../src/gateway";
import { ADMINISTRATOR_PROFILE } from "../../src/access/user.entity";
import { createLogger } from "../../src/http/logger";
import { ApiToken } from "../../src/access/api-token.entity";
import { SYNC_EVENTS } from "../../src/sync/sync-events";

/** What a refusal may take, loosely: the limits answer in milliseconds, but this machine is shared. */
const PROMPT_MS = 1000;
const SUBSCRIPTION = "subscription { syncEvents { id status } }";

/** Accounts → Work Orders → Company → Work Orders → … ten times round: 363 bytes that once grew the process past 4 GB. */
const CYCLE = `{ accounts(first: 200) { nodes { ${"workOrders { company { ".repeat(10)}id${" } }".repeat(10)} } } }`;
/** Depth 8 under the depth limit, but 200 × 20⁴ objects: refused on cost. */
const FAN_OUT =
  "{ accounts(first: 200) { nodes { workOrders { serviceAppointments { workOrder { serviceAppointments { workOrder { serviceAppointments { id } } } } } } } } }";

/** Publishes probes until every listed subscription has delivered one: from then on they are all listening. */
async function untilListening(t: { services: Gateway["services"] }, ws: RawGraphqlWs, ids: string[]) {
  const timer = setInterval(() => t.services.syncEvents.publish(SYNC_EVENTS, probeEvent()), 50);
  try {
    await Promise.all(ids.map((id) => ws.next((m) => m.id === id && m.type === "next")));
  } finally {
    clearInterval(timer);
  }
}

async function post(url: string, query: string, authorization?: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, headers: response.headers, code: body.errors?.[0]?.extensions?.code };
}

describe("the WebSocket path obeys the HTTP limits", () => {
  let t: TestGateway;
  let ws: RawGraphqlWs;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false, graphqlSuggestions: false, introspection: false });
    ws = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
  });
  afterAll(async () => {
    ws?.close();
    await t?.stop();
  });

  it("refuses the cyclic 10-level operation at once, and keeps serving", async () => {
    expect(Buffer.byteLength(CYCLE)).toBeLessThan(400);
    const started = performance.now();
    const errors = await ws.errorOf(ws.subscribe(CYCLE));
    expect(performance.now() - started).toBeLessThan(PROMPT_MS);
    expect(["QUERY_TOO_DEEP", "QUERY_TOO_COSTLY"]).toContain(errors[0].extensions?.code);
    expect((await post(t.url, "{ me { profile } }", `Bearer ${t.admin.token}`)).status).toBe(200);
    const live = ws.subscribe(SUBSCRIPTION);
    await untilListening(t, ws, [live]);
    ws.complete(live);
  });

  it("refuses on cost, aliases and tokens with the HTTP codes", async () => {
    expect((await ws.errorOf(ws.subscribe(FAN_OUT)))[0].extensions).toMatchObject({ code: "QUERY_TOO_COSTLY", maxCost: 1_000_000 });
    const aliases = `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    expect((await ws.errorOf(ws.subscribe(aliases)))[0].extensions).toMatchObject({ code: "TOO_MANY_ALIASES", maxAliases: 50 });
    const tokens = `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    expect((await ws.errorOf(ws.subscribe(tokens)))[0].extensions).toMatchObject({ code: "TOO_MANY_TOKENS", maxTokens: 5000 });
    expect((await ws.errorOf(ws.subscribe("{ accounts(first: 500) { nodes { id } } }")))[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      maxPageSize: 200,
    });
  });

  it("hides suggestions and refuses introspection, as over HTTP", async () => {
    const [misspelt] = await ws.errorOf(ws.subscribe("subscription { syncEvent { id } }"));
    expect(misspelt.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(misspelt.message).not.toMatch(/Did you mean/);
    const [introspection] = await ws.errorOf(ws.subscribe("subscription { __schema { types { name } } }"));
    expect(introspection.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("refuses a list literal nested within the token limit but past the stack (2,000 deep) as a parse failure, not a server failure", async () => {
    const ws = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
    const id = ws.subscribe(`subscription { syncEvents(recordId: ${"[".repeat(2000)}"x"${"]".repeat(2000)}) { id } }`);
    const error = await ws.next((m) => m.id === id && m.type === "error");
    expect((error.payload as { extensions: { code: string } }[])[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
    ws.socket.close();
  });

  it("refuses control characters and over-long ids in a subscription's arguments, as over HTTP", async () => {
    for (const recordId of ["a\u0000b", "x".repeat(65)]) {
      const id = ws.subscribe("subscription ($r: ID) { syncEvents(recordId: $r) { id } }", { r: recordId });
      const error = await ws.next((m) => m.id === id && m.type === "error");
      expect((error.payload as { extensions: { code: string; field: string } }[])[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "recordId" });
    }
  });

  it("accepts subscriptions only: a query or a mutation is refused with OPERATION_NOT_ALLOWED", async () => {
    const [query] = await ws.errorOf(ws.subscribe("{ me { profile } }"));
    expect(query).toMatchObject({ extensions: { code: "OPERATION_NOT_ALLOWED", operation: "query" } });
    expect(query.message).toMatch(/subscription/i);
    const [mutation] = await ws.errorOf(ws.subscribe('mutation { revokeToken(id: "x") { id } }'));
    expect(mutation).toMatchObject({ extensions: { code: "OPERATION_NOT_ALLOWED", operation: "mutation" } });
  });
});

describe("caps by default", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t?.stop());

  it("one socket holds at most 100 subscriptions, and one edit reaches all of them", async () => {
    const ws = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
    try {
      const ids = Array.from({ length: 100 }, () => ws.subscribe(SUBSCRIPTION));
      const [refused] = await ws.errorOf(ws.subscribe(SUBSCRIPTION));
      expect(refused.extensions).toMatchObject({ code: "TOO_MANY_SUBSCRIPTIONS", maxSubscriptions: 100 });
      await untilListening(t, ws, ids);
      const edit = Object.assign(probeEvent(), { id: "one-edit" });
      t.services.syncEvents.publish(SYNC_EVENTS, edit);
      await Promise.all(
        ids.map((id) => ws.next((m) => m.id === id && (m.payload as { data?: { syncEvents: { id: string } } }).data?.syncEvents.id === "one-edit")),
      );
    } finally {
      ws.close();
    }
  });
});

describe("caps on sockets, subscriptions, message size and the handshake", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      syncWorker: false,
      wsMaxSubscriptionsPerSocket: 3,
      wsMaxSocketsPerUser: 2,
      wsMaxMessageBytes: 4096,
      wsConnectionInitTimeoutMs: 300,
    });
  });
  afterAll(() => t?.stop());

  it("refuses a subscription past the per-socket cap with TOO_MANY_SUBSCRIPTIONS, and accepts one once another ends", async () => {
    const ws = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
    try {
      const ids = [1, 2, 3].map(() => ws.subscribe(SUBSCRIPTION));
      await untilListening(t, ws, ids);
      const [refused] = await ws.errorOf(ws.subscribe(SUBSCRIPTION));
      expect(refused.extensions).toMatchObject({ code: "TOO_MANY_SUBSCRIPTIONS", maxSubscriptions: 3 });
      ws.complete(ids[0]);
      const again = ws.subscribe(SUBSCRIPTION);
      await untilListening(t, ws, [again]);
    } finally {
      ws.close();
    }
  });

  it("closes a user's socket past the per-user cap (4029 TOO_MANY_SOCKETS); other users still connect", async () => {
    const first = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
    const second = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
    try {
      const third = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
      expect(await third.closed).toMatchObject({ code: 4029, reason: expect.stringContaining("TOO_MANY_SOCKETS") });
      const other = await RawGraphqlWs.open(t.url, `Bearer ${t.standard.token}`);
      expect(other.messages.map((m) => m.type)).toEqual(["connection_ack"]);
      other.close();
      second.close();
      await second.closed;
      const fourth = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
      expect(fourth.messages.map((m) => m.type)).toEqual(["connection_ack"]);
      fourth.close();
    } finally {
      first.close();
      second.close();
    }
  });

  it("closes a socket sending a message above the size limit (1009)", async () => {
    const ws = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
    ws.subscribe(`subscription { syncEvents { id } } ${"#".repeat(5000)}`);
    expect((await ws.closed).code).toBe(1009);
  });

  it("closes with 1009, never a dropped socket (1006), when a client sending far above the limit reads its answer late", async () => {
    const ws = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
    // The client is busy: it goes on sending and reads nothing for a moment, as a loaded machine does.
    const tcp = (ws.socket as unknown as { _socket: Socket })._socket;
    tcp.pause();
    ws.subscribe(`subscription { syncEvents { id } } ${"#".repeat(2_000_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    tcp.resume();
    expect((await ws.closed).code).toBe(1009);
  });

  it("closes a socket sending a message only a server may send with 4400, not as a server failure (4500)", async () => {
    const ws = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
    ws.send({ type: "connection_ack", payload: {} });
    const closed = await ws.closed;
    expect(closed.code).toBe(4400);
    expect(closed.reason).toMatch(/^BAD_REQUEST/);
  });

  it("closes a socket that does not send connection_init in time (4408)", async () => {
    const ws = await RawGraphqlWs.open(t.url, undefined, false);
    const started = performance.now();
    expect((await ws.closed).code).toBe(4408);
    expect(performance.now() - started).toBeLessThan(300 + PROMPT_MS);
  });
});

describe("sockets not yet signed in", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false, wsMaxUnauthenticatedSocketsPerAddress: 3 });
  });
  afterAll(() => t?.stop());

  it("closes an address's socket past the cap of sockets not yet signed in (4029); one that signs in frees its place", async () => {
    const waiting = await Promise.all([1, 2, 3].map(() => RawGraphqlWs.open(t.url, undefined, false)));
    const fourth = await RawGraphqlWs.open(t.url, undefined, false);
    expect(await fourth.closed).toMatchObject({ code: 4029, reason: expect.stringMatching(/^TOO_MANY_SOCKETS/) });
    waiting[0].send({ type: "connection_init", payload: { authorization: `Bearer ${t.admin.token}` } });
    await waiting[0].next((m) => m.type === "connection_ack");
    const fifth = await RawGraphqlWs.open(t.url, `Bearer ${t.standard.token}`);
    expect(fifth.messages.map((m) => m.type)).toEqual(["connection_ack"]);
    for (const ws of [...waiting, fifth]) ws.close();
  });
});

describe("revoked tokens and deactivated users lose their sockets", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t?.stop());

  async function listeningSocket(token: string) {
    const ws = await RawGraphqlWs.open(t.url, `Bearer ${token}`);
    await untilListening(t, ws, [ws.subscribe(SUBSCRIPTION)]);
    return ws;
  }

  async function closedWithin2s(ws: RawGraphqlWs) {
    const started = performance.now();
    const closed = await Promise.race([ws.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 2_000))]);
    expect(closed, "socket still open 2 s later").not.toBeNull();
    expect(closed!.code).toBe(4401);
    expect(performance.now() - started).toBeLessThan(2_000);
  }

  it("revoking the token closes its sockets within 2 s; the user's other token keeps its own", async () => {
    const { token, record } = await t.services.access.issueToken(t.standard.user.id, "revoked");
    const revoked = await listeningSocket(token);
    const kept = await listeningSocket(t.standard.token);
    try {
      await t.services.access.revokeToken(record.id);
      await closedWithin2s(revoked);
      await untilListening(t, kept, [kept.subscribe(SUBSCRIPTION)]);
    } finally {
      kept.close();
    }
  });

  it("deactivating the user closes all their sockets within 2 s", async () => {
    const user = await t.services.access.createUser({ name: "Dee", email: "dee@test.example", profile: ADMINISTRATOR_PROFILE });
    const { token } = await t.services.access.issueToken(user.id, "test");
    const ws = await listeningSocket(token);
    await t.services.access.updateUser(user.id, { active: false });
    await closedWithin2s(ws);
  });

  it("a revocation made by another process (straight in the database) closes the socket within 2 s", async () => {
    const { token, record } = await t.services.access.issueToken(t.standard.user.id, "elsewhere");
    const ws = await listeningSocket(token);
    await t.services.db.manager.update(ApiToken, { id: record.id }, { revokedAt: new Date() });
    await closedWithin2s(ws);
  });
});

describe("rate limits keyed on who is asking, shared by HTTP and WebSocket", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false, rateLimitPerMinute: 5 });
  });
  afterAll(() => t?.stop());

  it("spellings of one token share one bucket", async () => {
    const token = t.admin.token;
    const variants = [`Bearer ${token}`, `bearer  ${token}`, `Bearer ${token} `, `BEARER ${token}`, `Bearer\t${token}`];
    for (const authorization of variants) expect((await post(t.url, "{ me { profile } }", authorization)).status).toBe(200);
    const limited = await post(t.url, "{ me { profile } }", `bearer ${token}  `);
    expect(limited.status).toBe(429);
    expect(limited.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
  });

  it("made-up tokens spend their client address's budget, not fresh ones", async () => {
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await post(t.url, "{ me { profile } }", `Bearer made-up-${randomBytes(8).toString("hex")}`));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
    // A WebSocket handshake with a made-up token spends from the same address budget.
    const refused = await RawGraphqlWs.open(t.url, `Bearer made-up-${randomBytes(8).toString("hex")}`);
    expect(await refused.closed).toMatchObject({ code: 4028, reason: expect.stringContaining("RATE_LIMITED") });
  });

  it("the handshake and each subscribe message spend from the same budget as the user's HTTP requests", async () => {
    const authorization = `Bearer ${t.standard.token}`;
    for (let i = 0; i < 3; i += 1) expect((await post(t.url, "{ me { profile } }", authorization)).status).toBe(200);
    const ws = await RawGraphqlWs.open(t.url, authorization);
    try {
      const ids = [ws.subscribe(SUBSCRIPTION)];
      await untilListening(t, ws, ids);
      const [refused] = await ws.errorOf(ws.subscribe(SUBSCRIPTION));
      expect(refused.extensions).toMatchObject({ code: "RATE_LIMITED", limitPerMinute: 5 });
      expect((await post(t.url, "{ me { profile } }", authorization)).status).toBe(429);
    } finally {
      ws.close();
    }
  });
});

describe("closing a socket with many subscriptions", () => {
  it("logs one line for the socket, not one per subscription", async () => {
    const lines: string[] = [];
    const logger = createLogger(testConfig({ logLevel: "debug" }), { write: (line: string) => void lines.push(line) });
    const logged = await startTestGateway({ syncWorker: false }, { logger });
    try {
      const ws = await RawGraphqlWs.open(logged.url, `Bearer ${logged.admin.token}`);
      const ids = Array.from({ length: 50 }, () => ws.subscribe(SUBSCRIPTION));
      await untilListening(logged.gateway, ws, ids);
      const before = lines.length;
      ws.close();
      await ws.closed;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const after = lines.slice(before).map((line) => JSON.parse(line) as { msg: string; level: number });
      expect(after.filter((entry) => entry.level >= 40)).toEqual([]);
      expect(after.filter((entry) => /socket/i.test(entry.msg))).toHaveLength(1);
    } finally {
      await logged.stop();
    }
  });
});

describe("a client that stops reading", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false, wsMaxBufferedBytes: 256 * 1024 });
  });
  afterAll(() => t?.stop());

  it("is cut off once its unread messages pass the buffer limit, without an overflow, and everyone else is served", async () => {
    const overflows: unknown[] = [];
    const onUncaught = (error: unknown) => void overflows.push(error);
    process.on("uncaughtException", onUncaught);
    const slow = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
    const reader = await RawGraphqlWs.open(t.url, `Bearer ${t.standard.token}`);
    try {
      const ids = Array.from({ length: 5 }, () => slow.subscribe("subscription { syncEvents { id message } }"));
      await untilListening(t, slow, ids);
      const listening = reader.subscribe(SUBSCRIPTION);
      await untilListening(t, reader, [listening]);
      (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
      const big = "m".repeat(16 * 1024);
      for (let i = 0; i < 1_500; i += 1) {
        t.services.syncEvents.publish(SYNC_EVENTS, Object.assign(probeEvent(), { id: `flood-${i}`, message: big }));
        if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await reader.next((m) => m.type === "next" && (m.payload as { data: { syncEvents: { id: string } } }).data.syncEvents.id === "flood-1499");
      (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
      const closed = await Promise.race([slow.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000))]);
      expect(closed, "the slow socket is still open").not.toBeNull();
      expect(slow.messages.filter((m) => m.type === "next").length).toBeLessThan(5 * 1_500);
      expect(overflows).toEqual([]);
      expect((await post(t.url, "{ me { profile } }", `Bearer ${t.admin.token}`)).status).toBe(200);
    } finally {
      process.off("uncaughtException", onUncaught);
      slow.socket.terminate();
      reader.close();
    }
  });

  it("a subscriber that cannot keep up does not bring the process down; the others still get every event", async () => {
    const overflows: unknown[] = [];
    const onUncaught = (error: unknown) => void overflows.push(error);
    process.on("uncaughtException", onUncaught);
    const stuck = t.services.syncEvents.subscribe(SYNC_EVENTS)[Symbol.asyncIterator]();
    const reader = await RawGraphqlWs.open(t.url, `Bearer ${t.admin.token}`);
    try {
      void stuck.next(); // starts it; nothing more is read from it
      await untilListening(t, reader, [reader.subscribe(SUBSCRIPTION)]);
      for (let i = 0; i < 1_100; i += 1) {
        t.services.syncEvents.publish(SYNC_EVENTS, Object.assign(probeEvent(), { id: `burst-${i}` }));
        if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 20)); // the reader keeps up
      }
      await reader.next((m) => m.type === "next" && (m.payload as { data: { syncEvents: { id: string } } }).data.syncEvents.id === "burst-1099");
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(overflows).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
      await stuck.return?.();
      reader.close();
    }
  });
});
