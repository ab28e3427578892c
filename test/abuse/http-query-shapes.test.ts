import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAbuseGateway, type AbuseGateway } from "./support/abuse-gateway";
import { expectNoBreaches, expectStillHealthy, newLedger, sendGenerated } from "./support/abuse-run";
import { graphqlPost, sendHostile } from "./support/http-abuse-client";
import { hostileShapes } from "./support/query-shapes";
import { loadPublishedSchema } from "./support/schema-operations";

/**
 * Hostile documents over HTTP: deep walks down the schema's cycles (Account → Work Orders → Appointments →
 * Work Order…) fanned out under aliases, tens of thousands of aliases, fragments spread many times, fragment
 * bombs (2^n from a few hundred bytes), fragment cycles, token floods (fields, nested list literals,
 * directives, variables, comments, string literals, operations), and documents that are barely GraphQL.
 * Sent by an admin and anonymously. The limits (tokens, depth, aliases, cost, body) must refuse what is too
 * big with their own codes; nothing may answer 5xx or INTERNAL_SERVER_ERROR, or take the gateway down.
 */
const RUNS = 300;

describe("abuse over HTTP: hostile query shapes", () => {
  let gateway: AbuseGateway;
  const ledger = newLedger("http-query-shapes");

  beforeAll(async () => {
    gateway = await startAbuseGateway("shapes");
  });
  afterAll(() => gateway?.stop());

  it("every shape is answered or refused with a code; the gateway stays up, small and fast", async () => {
    const shapes = hostileShapes(loadPublishedSchema(), gateway.ids.slice(2));
    const inputs = fc.tuple(shapes, fc.constantFrom("admin", "anonymous"));
    await sendGenerated(ledger, inputs, RUNS, async ([shape, caller]) => {
      const token = caller === "admin" ? gateway.adminToken : undefined;
      await sendHostile(gateway.origin, graphqlPost({ query: shape.query }, token), ledger, `${shape.kind} (${caller})`, shape.query);
    });
    await expectStillHealthy(gateway, "hostile query shapes");
    expectNoBreaches(ledger, gateway);
  }, 180_000);
});

/**
 * The same shapes against a gateway whose time budget is 1 ms, so most requests run out of it on purpose:
 * 503 EXECUTION_TIMEOUT is then a right answer, a 500 or an uncoded error is not, and the late answers
 * that are dropped must not take the process down.
 */
describe("abuse over HTTP: hostile query shapes under a 1 ms execution budget", () => {
  let gateway: AbuseGateway;
  const ledger = newLedger("http-query-shapes-timeout");

  beforeAll(async () => {
    gateway = await startAbuseGateway("timeout", { EXECUTION_TIMEOUT_MS: "1" });
  });
  afterAll(() => gateway?.stop());

  it("answers in time, refuses, or says EXECUTION_TIMEOUT; the gateway stays up", async () => {
    const shapes = hostileShapes(loadPublishedSchema(), gateway.ids.slice(2));
    await sendGenerated(ledger, shapes, RUNS / 3, async (shape) => {
      await sendHostile(
        gateway.origin,
        { ...graphqlPost({ query: shape.query }, gateway.adminToken), provokes503: true },
        ledger,
        `${shape.kind} (1 ms budget)`,
        shape.query,
      );
    });
    expect(gateway.child.alive).toBe(true);
    expectNoBreaches(ledger, gateway);
  }, 120_000);
});
