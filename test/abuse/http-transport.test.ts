import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { startAbuseGateway, type AbuseGateway } from "./support/abuse-gateway";
import { expectNoBreaches, expectStillHealthy, newLedger, sendGenerated } from "./support/abuse-run";
import { sendHostile, type HttpInput } from "./support/http-abuse-client";
import { apqRequests, batchedBodies, oddRequests } from "./support/http-requests";

/**
 * Hostile HTTP around GraphQL: every method on /graphql, the probes, the change-feed and vendor hooks, the CSV
 * downloads (odd bytes and invalid percent-encoding where ids go) and paths that are no route; bodies that are
 * not JSON, of the wrong shape, duplicated keys, BOMs, binary, over the body limit; every content type;
 * persisted queries with wrong hashes; batched bodies. Each answer: no 5xx, no INTERNAL_SERVER_ERROR, every
 * non-2xx body JSON with a code; then the gateway is up, under the memory bound and fast.
 */
const RUNS = { odd: 600, apq: 150, batched: 150 };

/** The request as the failure report shows it: bytes as hex. */
function shown(input: HttpInput): unknown {
  const body = input.body instanceof Uint8Array ? `<${input.body.length} bytes: ${Buffer.from(input.body).toString("hex").slice(0, 80)}>` : input.body;
  return { method: input.method, path: input.path, headers: input.headers, body };
}

const ROUTES = ["/graphql", "/healthz", "/readyz", "/metrics", "/hooks/crm", "/hooks/fsm", "/hooks/zoho/crm/notifications", "/hooks/zoho/fsm/webhook"];

/** Findings are grouped by route (any method); generated paths that are no route group as one. */
function routeOf(input: HttpInput): string {
  const path = input.path.split("?")[0];
  const known = ROUTES.find((route) => path.toLowerCase() === route);
  const prefix = ["/sync-history/", "/hooks/zoho/", "/hooks/", "/graphql/"].find((p) => path.startsWith(p));
  const route = known ?? (prefix ? `${prefix}<odd>` : "<no route>");
  const method = input.method === "GET" || input.method === "POST" ? input.method : "other method";
  return route === "/graphql" ? `${method} ${route}` : `any method ${route}`;
}

describe("abuse over HTTP: methods, paths, content types, bodies, APQ, batches", () => {
  let gateway: AbuseGateway;
  const ledger = newLedger("http-transport");

  beforeAll(async () => {
    gateway = await startAbuseGateway("transport");
  });
  afterAll(() => gateway?.stop());

  it("every odd request is answered with JSON and a code; the gateway stays up, small and fast", async () => {
    const tokens = { admin: gateway.adminToken, standard: gateway.standardToken };
    const send = (kind: string) => async (input: HttpInput) => {
      await sendHostile(gateway.origin, input, ledger, `${kind}: ${routeOf(input)}`, shown(input));
    };
    await sendGenerated(ledger, oddRequests(tokens), RUNS.odd, send("odd request"));
    await sendGenerated(ledger, apqRequests(tokens), RUNS.apq, send("persisted query"));
    await sendGenerated(ledger, batchedBodies(tokens), RUNS.batched, send("batch"));
    // The same shapes again, all at once: concurrency must not turn refusals into failures.
    await sendGenerated(ledger, fc.array(oddRequests(tokens), { minLength: 20, maxLength: 20 }), 10, async (inputs) => {
      await Promise.all(inputs.map(send("concurrent odd request")));
    });
    await expectStillHealthy(gateway, "odd HTTP requests");
    expectNoBreaches(ledger, gateway);
  }, 180_000);
});
