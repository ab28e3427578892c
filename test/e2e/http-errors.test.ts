import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphQLFormattedError } from "graphql";
import { startTestGateway, type TestGateway } from "../support/test-gateway";

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  errors: GraphQLFormattedError[];
}

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let errors: GraphQLFormattedError[] = [];
  try {
    errors = (JSON.parse(text) as { errors?: GraphQLFormattedError[] }).errors ?? [];
  } catch {
    // not JSON: the assertions say so
  }
  return { status: response.status, headers: response.headers, text, errors };
}

/** Every refusal: JSON in GraphQL's error shape, one error with a stable code, no HTML, no stack. */
function expectJsonError(answer: Answer, status: number, code: string) {
  expect({ status: answer.status, code: answer.errors[0]?.extensions?.code }, answer.text.slice(0, 300)).toEqual({ status, code });
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(answer.errors).toHaveLength(1);
  expect(typeof answer.errors[0].message).toBe("string");
  expect(answer.text).not.toMatch(/<html|<pre|<!DOCTYPE|at \w+ \(|node_modules|\.ts:\d+/i);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The `data` of a GraphQL answer's raw text. */
const dataOf = (text: string): unknown => (JSON.parse(text) as { data?: unknown }).data;

describe("answers outside GraphQL execution, always JSON with a stable code", () => {
  let t: TestGateway;
  let origin: string;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false, maxBodyBytes: 4096, hookSecret: "s3cret" });
    origin = new URL(t.url).origin;
  });
  afterAll(() => t.stop());

  const bearer = () => ({ authorization: `Bearer ${t.standard.token}` });
  const json = () => ({ "content-type": "application/json", ...bearer() });

  it("answers an unknown path with 404 NOT_FOUND, whatever the method", async () => {
    for (const method of ["GET", "POST", "PUT", "DELETE"]) {
      expectJsonError(await send(`${origin}/no/such/path`, { method }), 404, "NOT_FOUND");
    }
    expectJsonError(await send(`${origin}/graphql/extra`, { method: "POST", headers: json(), body: "{}" }), 404, "NOT_FOUND");
  });

  it("answers what Node's HTTP parser refuses (a URL over 16 KiB) with 431 HEADERS_TOO_LARGE as JSON", async () => {
    expectJsonError(await send(`${origin}/graphql?query=${"x".repeat(20_000)}`, { headers: bearer() }), 431, "HEADERS_TOO_LARGE");
    expectJsonError(await send(`${origin}/sync-history/${"x".repeat(20_000)}/failures.csv`, { method: "PUT", headers: bearer() }), 431, "HEADERS_TOO_LARGE");
  });

  it("answers a path express cannot decode with 400 BAD_REQUEST, under every router", async () => {
    const admin = { authorization: `Bearer ${t.admin.token}` };
    for (const path of ["/sync-history/%/failures.csv", "/sync-history/%ed%a0%80/failures.csv", "/hooks/%ff"]) {
      for (const method of ["GET", "PROPFIND"]) expectJsonError(await send(`${origin}${path}`, { method, headers: admin }), 400, "BAD_REQUEST");
    }
  });

  it("answers more than 50 bad variable values (graphql-js stops at 50 with an error of its own) as BAD_USER_INPUT, never INTERNAL", async () => {
    const query = 'mutation ($conditions: [ViewConditionInput!]!) { createCrmView(module: "Accounts", name: "v", conditions: $conditions) { id } }';
    const answer = await send(t.url, { method: "POST", headers: json(), body: JSON.stringify({ query, variables: { conditions: Array(60).fill(false) } }) });
    expect(answer.status).toBe(400);
    expect(new Set(answer.errors.map((e) => e.extensions?.code))).toEqual(new Set(["BAD_USER_INPUT"]));
  });

  it("answers PUT, DELETE and PATCH on /graphql with 405 METHOD_NOT_ALLOWED and an Allow header", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const answer = await send(t.url, { method, headers: json(), body: JSON.stringify({ query: "{ me { id } }" }) });
      expectJsonError(answer, 405, "METHOD_NOT_ALLOWED");
      expect(answer.headers.get("allow")).toBe("GET, POST");
    }
  });

  it("answers a POST whose body is neither JSON nor a CSRF-simple type with 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    for (const type of ["application/xml", "application/graphql", "text/csv", "image/png"]) {
      const answer = await send(t.url, { method: "POST", headers: { ...bearer(), "content-type": type }, body: "{ me { id } }" });
      expectJsonError(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    const preflighted = await send(t.url, {
      method: "POST",
      headers: { ...bearer(), "content-type": "text/plain", "apollo-require-preflight": "1" },
      body: "{}",
    });
    expectJsonError(preflighted, 415, "UNSUPPORTED_MEDIA_TYPE");
    const none = await send(t.url, { method: "POST", headers: { ...bearer(), "apollo-require-preflight": "1" } });
    expectJsonError(none, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("answers a GET without a query, and an empty JSON body, with 400 BAD_REQUEST", async () => {
    expectJsonError(await send(t.url, { headers: { ...bearer(), "apollo-require-preflight": "1", accept: "application/json" } }), 400, "BAD_REQUEST");
    expectJsonError(await send(t.url, { method: "POST", headers: json(), body: "{}" }), 400, "BAD_REQUEST");
  });

  it("answers oversized and malformed bodies on the other routes with JSON", async () => {
    const big = JSON.stringify({ module: "Accounts", ids: ["x".repeat(2 * 1024 * 1024)], operation: "UPDATE" });
    const feed = await send(`${origin}/hooks/crm`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-gateway-secret": "s3cret" },
      body: big,
    });
    expectJsonError(feed, 413, "BAD_USER_INPUT");
    expect((JSON.parse(feed.text) as { error?: unknown }).error).toMatchObject({ code: "BAD_USER_INPUT" }); // the webhooks' earlier shape, kept
    expectJsonError(await send(`${origin}/hooks/crm`, { method: "GET" }), 405, "METHOD_NOT_ALLOWED");
    expectJsonError(await send(`${origin}/hooks/nope`, { method: "POST" }), 404, "NOT_FOUND");
    expectJsonError(await send(`${origin}/hooks/zoho/fsm/webhook`, { method: "POST" }), 404, "NOT_FOUND");
    expectJsonError(await send(t.url, { method: "POST", headers: json(), body: JSON.stringify({ query: "x".repeat(8000) }) }), 413, "PAYLOAD_TOO_LARGE");
  });

  it("keeps 401 and 429 in the same shape", async () => {
    expectJsonError(
      await send(t.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer gw_nope" },
        body: JSON.stringify({ query: "{ me { id } }" }),
      }),
      401,
      "UNAUTHENTICATED",
    );
    expectJsonError(await send(`${origin}/sync-history/x/failures.csv`), 401, "UNAUTHENTICATED");
  });
});

describe("automatic persisted queries, every problem with a PERSISTED_QUERY_ code", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t.stop());

  const post = (body: unknown) =>
    send(t.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${t.standard.token}` }, body: JSON.stringify(body) });
  const apq = (sha256Hash: unknown, version: unknown = 1) => ({ persistedQuery: { version, sha256Hash } });

  it("answers a hash that does not match the query with 400 PERSISTED_QUERY_HASH_MISMATCH", async () => {
    const answer = await post({ query: "{ me { id } }", extensions: apq(sha256("{ me { profile } }")) });
    expectJsonError(answer, 400, "PERSISTED_QUERY_HASH_MISMATCH");
    expectJsonError(await post({ query: "{ me { id } }", extensions: apq({ not: "a hash" }) }), 400, "PERSISTED_QUERY_HASH_MISMATCH");
  });

  it("answers an unknown version with 400 PERSISTED_QUERY_VERSION_NOT_SUPPORTED", async () => {
    const query = "{ me { id } }";
    expectJsonError(await post({ query, extensions: apq(sha256(query), 2) }), 400, "PERSISTED_QUERY_VERSION_NOT_SUPPORTED");
  });

  it("registers and runs a matching hash; an unknown one is PERSISTED_QUERY_NOT_FOUND", async () => {
    const query = "{ me { profile } }";
    const unknown = await post({ extensions: apq(sha256("{ me { id name } }")) });
    expect(unknown.errors[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect(dataOf((await post({ query, extensions: apq(sha256(query)) })).text)).toEqual({ me: { profile: "Standard" } });
    expect(dataOf((await post({ extensions: apq(sha256(query)) })).text)).toEqual({ me: { profile: "Standard" } });
  });
});

describe("automatic persisted queries switched off", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false, persistedQueries: false });
  });
  afterAll(() => t.stop());

  it("answers a persisted query with PERSISTED_QUERY_NOT_SUPPORTED and still runs plain ones", async () => {
    const query = "{ me { profile } }";
    const headers = { "content-type": "application/json", authorization: `Bearer ${t.standard.token}` };
    for (const body of [
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } },
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } },
    ]) {
      const answer = await send(t.url, { method: "POST", headers, body: JSON.stringify(body) });
      expect(answer.errors.map((e) => e.extensions?.code)).toEqual(["PERSISTED_QUERY_NOT_SUPPORTED"]);
    }
    const plain = await send(t.url, { method: "POST", headers, body: JSON.stringify({ query }) });
    expect(dataOf(plain.text)).toEqual({ me: { profile: "Standard" } });
  });
});
