import { createHash } from "node:crypto";
import fc from "fast-check";
import type { HttpInput } from "./http-abuse-client";
import { hostileString } from "./hostile-values";
import { HOOK_SECRET, FSM_WEBHOOK_KEY } from "./abuse-gateway";

export interface Tokens {
  admin: string;
  standard: string;
}

const VALID_QUERY = "query Normal { accounts(first: 2) { nodes { id } } }";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Characters no header may carry are left out: fetch would refuse to send them, and the server never sees them. */
const headerSafe = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });

const authorizations = (tokens: Tokens) =>
  fc.oneof(
    fc.constantFrom(
      `Bearer ${tokens.admin}`,
      `Bearer ${tokens.standard}`,
      undefined,
      "Bearer",
      "Bearer ",
      "bearer x",
      "Basic YTpi",
      `Bearer ${tokens.admin} extra`,
      `Bearer ${"x".repeat(8_000)}`,
    ),
    headerSafe.map((value) => `Bearer ${value}`),
  );

const contentTypes = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "application/json; charset=latin1",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/graphql",
  "application/graphql-response+json",
  "application/json; boundary",
  "*/*",
  "",
  undefined,
);

/** Paths beside /graphql: probes, hooks, CSV downloads with odd bytes where ids go, and paths that are not routes. */
const paths = fc.oneof(
  fc.constantFrom(
    "/graphql",
    "/graphql/",
    "/GRAPHQL",
    "/graphql/x",
    "/healthz",
    "/readyz",
    "/metrics",
    "/",
    "/favicon.ico",
    "/hooks",
    "/hooks/crm",
    "/hooks/fsm",
    "/hooks/CRM",
    "/hooks/x",
    "/hooks/zoho/crm/notifications",
    "/hooks/zoho/fsm/webhook",
    "/hooks/zoho/x",
    "/sync-history",
    "/sync-history/",
  ),
  fc
    .constantFrom("%ff", "%00", "%", "%zz", "..%2f..%2fetc%2fpasswd", "%E2%80%AE", "a%0d%0ab", "%ed%a0%80", "x".repeat(20_000))
    .map((odd) => `/sync-history/${odd}/failures.csv`),
  fc
    .tuple(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }))
    .map(([run, log]) => `/sync-history/${encodeURIComponent(run)}/logs/${encodeURIComponent(log)}.csv`),
  fc.string({ unit: "binary", maxLength: 60 }).map((odd) => `/${encodeURIComponent(odd)}`),
  fc.constantFrom("%ff", "%00", "%", "%2e%2e%2f", "x".repeat(20_000)).map((odd) => `/hooks/${odd}`),
);

/** Bodies: GraphQL requests right and wrong, announcements, JSON of the wrong shape, not JSON at all, too large. */
const bodies = fc.oneof(
  fc.constantFrom(
    JSON.stringify({ query: VALID_QUERY }),
    "",
    "{",
    "[",
    "null",
    "1",
    '"query"',
    "[]",
    "[[]]",
    "{}",
    '{"query":1}',
    '{"query":null}',
    '{"query":"{ __typename }","variables":"[]"}',
    '{"query":"{ __typename }","variables":[1]}',
    '{"query":"{ __typename }","operationName":7}',
    '{"query":"{ __typename }","extensions":"x"}',
    '{"query":"{ me { id } }","query":"{ users { id } }"}',
    '\ufeff{"query":"{ __typename }"}',
    '{"query":"{ __typename }"}garbage',
    '{"query":"{ __typename }"} {"query":"{ me { id } }"}',
    '{"__proto__":{"query":"{ __typename }"}}',
    '{"query":"\\ud800"}',
    `{"query":"{ __typename }","variables":${"[".repeat(50_000)}${"]".repeat(50_000)}}`,
    JSON.stringify({ module: "Accounts", ids: ["x"], operation: "update", token: HOOK_SECRET }),
    JSON.stringify({ module: "Accounts", ids: Array(1_000).fill("x"), operation: "delete" }),
    JSON.stringify({ module: "\u0000", ids: [null, {}, [], 1e308], operation: "drop" }),
    "module=Accounts&ids=a,b&operation=update",
    '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--',
  ),
  fc
    .tuple(hostileString, fc.array(hostileString, { maxLength: 5 }), hostileString)
    .map(([module, ids, operation]) => JSON.stringify({ module, ids, operation, token: HOOK_SECRET })),
  fc.uint8Array({ maxLength: 300 }),
  fc.integer({ min: 1_048_577, max: 3_000_000 }).map((n) => JSON.stringify({ query: `#${"x".repeat(n)}\n{ __typename }` })),
  fc.string({ maxLength: 200 }),
);

/** Any method fetch will send (CONNECT, TRACE and TRACK it refuses) on any of the paths, with any headers and body. */
export function oddRequests(tokens: Tokens): fc.Arbitrary<HttpInput> {
  return fc
    .record({
      method: fc.constantFrom("GET", "POST", "POST", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "PROPFIND", "post"),
      path: paths,
      query: fc.option(
        fc.oneof(
          fc.constantFrom(
            `query=${encodeURIComponent(VALID_QUERY)}`,
            "query=%7B",
            "query=%ff",
            "query=mutation%20%7B%20revokeToken(id%3A%22x%22)%20%7D",
            "variables=%7B",
            "extensions=%7B%7D&query=x",
            "query=" + "x".repeat(10_000),
          ),
          headerSafe.map(encodeURIComponent).map((q) => `query=${q}`),
        ),
        { nil: undefined },
      ),
      contentType: contentTypes,
      authorization: authorizations(tokens),
      secret: fc.constantFrom(undefined, HOOK_SECRET, "wrong", ""),
      preflight: fc.boolean(),
      body: bodies,
    })
    .map(({ method, path, query, contentType, authorization, secret, preflight, body }) => ({
      method,
      path: query ? `${path}?${query}` : path,
      headers: Object.fromEntries(
        Object.entries({
          "content-type": contentType,
          authorization,
          "x-gateway-secret": secret,
          "x-fsm-webhook-key": secret ? FSM_WEBHOOK_KEY : undefined,
          "apollo-require-preflight": preflight ? "true" : undefined,
        }).filter((e): e is [string, string] => e[1] !== undefined),
      ),
      body,
    }));
}

/** Automatic persisted queries with wrong, missing, malformed or mismatched hashes, over POST and GET. */
export function apqRequests(tokens: Tokens): fc.Arbitrary<HttpInput> {
  const hash = fc.oneof(
    fc.constantFrom(sha256(VALID_QUERY), sha256("other"), "", "0".repeat(64), "g".repeat(64), sha256(VALID_QUERY).toUpperCase(), "x".repeat(100_000)),
    fc.string({ maxLength: 70 }),
    fc.integer(),
  );
  const persisted = fc.record({ version: fc.constantFrom(1, 2, 0, "1", null), sha256Hash: hash }, { requiredKeys: [] });
  return fc.record({ persisted, withQuery: fc.boolean(), get: fc.boolean(), admin: fc.boolean() }).map(({ persisted, withQuery, get, admin }) => {
    const extensions = { persistedQuery: persisted };
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "apollo-require-preflight": "true",
      ...(admin ? { authorization: `Bearer ${tokens.admin}` } : {}),
    };
    if (get) {
      const params = new URLSearchParams({ extensions: JSON.stringify(extensions), ...(withQuery ? { query: VALID_QUERY } : {}) });
      return { method: "GET", path: `/graphql?${params.toString()}`, headers };
    }
    return { method: "POST", path: "/graphql", headers, body: JSON.stringify({ ...(withQuery ? { query: VALID_QUERY } : {}), extensions }) };
  });
}

/** JSON arrays of operations: empty, one, many, mixed with junk, nested. */
export function batchedBodies(tokens: Tokens): fc.Arbitrary<HttpInput> {
  const operation = fc.oneof(
    fc.constant({ query: VALID_QUERY }),
    fc.constant({ query: "mutation { __typename }" }),
    fc.constantFrom(null, 1, "x", [], {}, [{ query: VALID_QUERY }]),
  );
  const batch = fc.oneof(
    fc.array(operation, { maxLength: 60 }),
    fc.integer({ min: 100, max: 20_000 }).map((n) => new Array<{ query: string }>(n).fill({ query: "{ __typename }" })),
  );
  return batch.map((ops) => ({
    method: "POST",
    path: "/graphql",
    headers: { "content-type": "application/json", authorization: `Bearer ${tokens.admin}` },
    body: JSON.stringify(ops),
  }));
}
