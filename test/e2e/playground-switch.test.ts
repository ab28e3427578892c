import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createClient } from "graphql-ws";
import { loadConfig } from "../../src/config/config";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { postGraphQL } from "../support/graphql-client";

/**
 * The GraphiQL page and introspection share one switch: on in development, off in production unless
 * PLAYGROUND=true (INTROSPECTION can still set introspection on its own). The page itself is tested in a
 * browser in playground.test.ts.
 */

const INTROSPECTION = "{ __schema { queryType { name } } }";

async function getPage(url: string) {
  const response = await fetch(url, { headers: { accept: "text/html" } });
  return { status: response.status, type: response.headers.get("content-type") ?? "", body: await response.text() };
}

/** Runs one operation over graphql-ws and returns its first result or error. */
async function overWebSocket(url: string, token: string, query: string): Promise<{ data?: unknown; errors?: { extensions?: Record<string, unknown> }[] }> {
  const client = createClient({
    url: url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  try {
    return await new Promise((resolve, reject) => {
      client.subscribe(
        { query },
        {
          next: (result) => resolve(result as never),
          error: (error) =>
            Array.isArray(error) ? resolve({ errors: error }) : reject(error instanceof Error ? error : new Error(`graphql-ws: ${String(error)}`)),
          complete: () => undefined,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

describe("configuration", () => {
  const read = (env: Record<string, string>) => {
    const { playground, introspection } = loadConfig(env);
    return { playground, introspection };
  };

  it("is on in development and off in production; PLAYGROUND turns both on, INTROSPECTION sets introspection alone", () => {
    expect(read({})).toEqual({ playground: true, introspection: true });
    expect(read({ NODE_ENV: "production" })).toEqual({ playground: false, introspection: false });
    expect(read({ NODE_ENV: "production", PLAYGROUND: "true" })).toEqual({ playground: true, introspection: true });
    expect(read({ NODE_ENV: "production", PLAYGROUND: "true", INTROSPECTION: "false" })).toEqual({ playground: true, introspection: false });
    expect(read({ NODE_ENV: "production", INTROSPECTION: "1" })).toEqual({ playground: false, introspection: true });
    expect(read({ PLAYGROUND: "false" })).toEqual({ playground: false, introspection: false });
    expect(loadConfig({}, { production: true })).toMatchObject({ playground: false, introspection: false });
  });
});

describe("in production, by default", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ production: true });
  });
  afterAll(() => t?.stop());

  it("serves no playground page to a browser", async () => {
    const page = await getPage(t.url);
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.type).not.toContain("text/html");
    expect(page.body).not.toMatch(/graphiql|<html/i);
  });

  it("refuses introspection, to admins as well, over HTTP and WebSocket; ordinary operations still answer", async () => {
    const anonymous = await postGraphQL(t.url, { query: INTROSPECTION });
    expect(anonymous.status).toBe(401); // anonymous callers are refused before validation
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    for (const token of [t.standard.token, t.admin.token]) {
      const response = await postGraphQL(t.url, { query: INTROSPECTION }, token);
      expect(response.status).toBe(400);
      expect(response.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(response.data).toBeUndefined();
    }
    const typeQuery = await postGraphQL(t.url, { query: '{ __type(name: "Account") { fields { name } } }' }, t.admin.token);
    expect(typeQuery.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const ws = await overWebSocket(t.url, t.admin.token, INTROSPECTION);
    expect(ws.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");

    const me = await postGraphQL<{ me: { profile: string; __typename: string } }>(t.url, { query: "{ me { profile __typename } }" }, t.admin.token);
    expect(me.data?.me).toEqual({ profile: "Administrator", __typename: "User" });
    // The socket carries subscriptions only: a query is refused there, and answered over HTTP above.
    expect((await overWebSocket(t.url, t.admin.token, "{ me { profile } }")).errors?.[0].extensions?.code).toBe("OPERATION_NOT_ALLOWED");
  });
});

describe("in production with PLAYGROUND=true", () => {
  let t: TestGateway;

  beforeAll(async () => {
    // The variable as an operator sets it (config is read once, at start).
    const before = process.env.PLAYGROUND;
    process.env.PLAYGROUND = "true";
    try {
      t = await startTestGateway({ production: true });
    } finally {
      if (before === undefined) delete process.env.PLAYGROUND;
      else process.env.PLAYGROUND = before;
    }
    expect(t.services.config).toMatchObject({ production: true, playground: true, introspection: true });
  });
  afterAll(() => t?.stop());

  it("serves the playground page and lets it load the schema", async () => {
    const page = await getPage(t.url);
    expect(page.status).toBe(200);
    expect(page.type).toContain("text/html");
    expect(page.body).toContain("graphiql");
    const response = await postGraphQL(t.url, { query: INTROSPECTION });
    expect(response.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });
});

describe("in development", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ production: false });
  });
  afterAll(() => t?.stop());

  it("serves the playground page and answers introspection", async () => {
    const page = await getPage(t.url);
    expect(page).toMatchObject({ status: 200 });
    expect(page.body).toContain("<title>fsm-crm-gateway playground</title>");
    expect((await postGraphQL(t.url, { query: INTROSPECTION }, t.standard.token)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
    // Over the socket introspection passes validation, then meets the subscriptions-only rule like any query.
    expect((await overWebSocket(t.url, t.standard.token, INTROSPECTION)).errors?.[0].extensions?.code).toBe("OPERATION_NOT_ALLOWED");
  });
});
