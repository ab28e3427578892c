import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { startAbuseGateway, type AbuseGateway } from "./support/abuse-gateway";
import { expectNoBreaches, expectStillHealthy, newLedger, sendGenerated } from "./support/abuse-run";
import { graphqlPost, sendHostile } from "./support/http-abuse-client";
import { toJsonText } from "./support/json-text";
import { hostileOperation, loadPublishedSchema, rootFields } from "./support/schema-operations";

/**
 * Every root query and mutation of the published schema, called over HTTP with arguments generated from its
 * input types: huge strings, NUL and control characters, lone surrogates, wrong types, huge, negative and
 * non-finite numbers, malformed and huge cursors, real and dangling ids, deep, wide and duplicated JSON
 * (customFields), as variables or inline literals, by an admin, a standard user and anonymously.
 *
 * Each answer must be a refusal with a code or data: never a 5xx, never INTERNAL_SERVER_ERROR, never an error
 * without `extensions.code`; afterwards the gateway is up, under the memory bound and answers a normal query
 * fast. ABUSE_RUNS_SCALE multiplies the inputs (default 400 per caller), ABUSE_PROPERTY_BUDGET_MS bounds each.
 */
const RUNS = 400;

describe("abuse over HTTP: generated arguments for every root field", () => {
  let gateway: AbuseGateway;
  const ledger = newLedger("http-arguments");

  beforeAll(async () => {
    gateway = await startAbuseGateway("args");
  });
  afterAll(() => gateway?.stop());

  it("every answer is data or a coded refusal; the gateway stays up, small and fast", async () => {
    const schema = loadPublishedSchema();
    // User ids are left out of the pool: an admin deactivating or demoting the suite's own users would lock it out.
    const ids = gateway.ids.slice(2);
    const operations = fc.oneof(...rootFields(schema).map((root) => hostileOperation(root, ids)));
    const callers = { admin: gateway.adminToken, standard: gateway.standardToken, anonymous: undefined };
    for (const [caller, token] of Object.entries(callers)) {
      await sendGenerated(ledger, operations, caller === "anonymous" ? RUNS / 4 : RUNS, async (operation) => {
        const body = toJsonText({ query: operation.query, variables: operation.variables });
        // Variables first in the report: the query's selection is long and the value is the point.
        const shown = toJsonText({ variables: operation.variables, query: operation.query });
        await sendHostile(gateway.origin, graphqlPost(body, token), ledger, `${operation.target} (${caller})`, shown);
      });
      await expectStillHealthy(gateway, `generated arguments as ${caller}`);
    }
    expectNoBreaches(ledger, gateway);
  }, 180_000);
});
