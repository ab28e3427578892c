import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOperationAST, parse } from "graphql";
import { startTestGateway, testConfig, type TestGateway } from "../support/test-gateway";
import { postGraphQL } from "../support/graphql-client";
import { startGateway, type Gateway } from "../../src/gateway";
import { DemoOrgSeeder } from "../../src/seed/seed-demo-org";
import { DEMO_SCALE } from "../../src/seed/demo-scale";
import { buildGatewaySchema } from "../../src/schema/build-schema";
import { createContext } from "../../src/http/context";
import { JitExecutor } from "../../src/http/execution/jit-executor";
import { graphqlJsExecutor } from "../../src/http/execution/operation-executor";

const NESTED = `query Nested($first: Int!) {
  accounts(first: $first) { totalCount nodes { id accountName crmUrl
    workOrders { id summary status modifiedTime serviceAppointments { id status scheduledStart } }
    deals { id dealName amount requests { id summary status } } } }
}`;

/** Each case is sent as is to both gateways; the whole answer (status and body) must be the same. */
const CASES: { name: string; body: Record<string, unknown>; as: "standard" | "admin" }[] = [
  { name: "a nested query", body: { query: NESTED, variables: { first: 10 } }, as: "standard" },
  {
    name: "fragments, aliases, __typename and @include/@skip by variable",
    body: {
      query: `query Shapes($withDeals: Boolean!, $hideIds: Boolean!) {
        first: accounts(first: 2) { nodes { ...Parts deals @include(if: $withDeals) { __typename dealName } } }
        second: accounts(first: 1, sort: ASC) { nodes { id @skip(if: $hideIds) __typename } pageInfo { hasNextPage endCursor } }
      }
      fragment Parts on Account { id accountName industry billingAddress { city country } }`,
      variables: { withDeals: true, hideIds: true },
    },
    as: "standard",
  },
  { name: "an error at the root (NOT_FOUND)", body: { query: `{ account(id: "no-such-account") { id } }` }, as: "standard" },
  { name: "an admin-only field next to allowed ones (FORBIDDEN, null bubbling)", body: { query: `{ me { id } users { id } }` }, as: "standard" },
  {
    name: "a refused mutation with input variables (FORBIDDEN)",
    body: {
      query: `mutation Define($input: CustomFieldInput!) { defineCustomField(input: $input) { apiName } }`,
      variables: { input: { system: "CRM", module: "Accounts", apiName: "Tier", label: "Tier", dataType: "TEXT" } },
    },
    as: "standard",
  },
  {
    name: "invalid input (BAD_USER_INPUT naming the fields)",
    body: {
      query: `mutation Define($input: CustomFieldInput!) { defineCustomField(input: $input) { apiName } }`,
      variables: { input: { system: "CRM", module: "Accounts", apiName: "Secret", label: "", dataType: "TEXT" } },
    },
    as: "admin",
  },
  { name: "a variable of the wrong type (400)", body: { query: NESTED, variables: { first: "ten" } }, as: "standard" },
  { name: "a missing required variable (400)", body: { query: NESTED, variables: {} }, as: "standard" },
  {
    name: "a required variable left to its default",
    body: {
      query: `query L($module: LinkableModule!, $first: Int! = 2) { linkableFsmRecords(module: $module, first: $first) { id summary } }`,
      variables: { module: "Work_Orders" },
    },
    as: "standard",
  },
  {
    name: "one operation of several, by name",
    body: { query: `query A { me { email } } query B { accounts(first: 1) { nodes { id } } }`, operationName: "B" },
    as: "standard",
  },
  {
    name: "several operations and no name (400 OPERATION_RESOLUTION_FAILURE)",
    body: { query: `query A { me { email } } query B { accounts(first: 1) { nodes { id } } }` },
    as: "standard",
  },
  {
    name: "an operation name the document does not have (400 OPERATION_RESOLUTION_FAILURE)",
    body: { query: `query A { me { email } }`, operationName: "C" },
    as: "standard",
  },
];

describe("the graphql-jit executor", () => {
  let t: TestGateway;
  let reference: Gateway;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-executor-"));
    t = await startTestGateway({ sqlitePath: path.join(dir, "gateway.sqlite"), syncWorker: false });
    await new DemoOrgSeeder(t.services, { ...DEMO_SCALE, accounts: 12, fsmWorkShare: 1, parentedShare: 1 }, { userId: t.admin.user.id }).run();
    // The same database, served by a second gateway that executes with graphql-js.
    const { sqlitePath, databaseSchema } = t.services.config;
    reference = await startGateway(testConfig({ sqlitePath, databaseSchema, syncWorker: false, graphqlExecutor: "graphql-js" }), pino({ level: "silent" }));
  });
  afterAll(async () => {
    await reference.stop();
    await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs operations by default, compiling each document once", async () => {
    expect(reference.jit).toBeNull();
    const jit = t.gateway.jit!;
    expect(jit).toBeInstanceOf(JitExecutor);
    const query = `query Once { accounts(first: 3) { nodes { id accountName } } }`;
    const before = jit.cachedQueries;
    const first = await postGraphQL(t.url, { query }, t.standard.token);
    const second = await postGraphQL(t.url, { query }, t.standard.token);
    expect(first.data).toEqual(second.data);
    expect((first.data as { accounts: { nodes: unknown[] } }).accounts.nodes).toHaveLength(3);
    expect(jit.cachedQueries).toBe(before + 1);
  });

  for (const { name, body, as } of CASES) {
    it(`answers ${name} exactly as graphql-js does`, async () => {
      const token = t[as].token;
      const [compiled, interpreted] = await Promise.all([postGraphQL(t.url, body, token), postGraphQL(reference.url, body, token)]);
      expect(compiled).toEqual(interpreted);
      expect(compiled.data ?? compiled.errors).toBeTruthy();
    });
  }

  it("reaches every level of the nested query and reports errors with their codes", async () => {
    const nested = await postGraphQL<{ accounts: { nodes: { workOrders: { serviceAppointments: unknown[] }[]; deals: { requests: unknown[] }[] }[] } }>(
      t.url,
      { query: NESTED, variables: { first: 10 } },
      t.standard.token,
    );
    const workOrders = nested.data!.accounts.nodes.flatMap((a) => a.workOrders);
    expect(workOrders.length).toBeGreaterThan(10);
    expect(workOrders.flatMap((w) => w.serviceAppointments).length).toBeGreaterThan(workOrders.length);
    expect(nested.data!.accounts.nodes.flatMap((a) => a.deals.flatMap((d) => d.requests)).length).toBeGreaterThan(0);
    const notFound = await postGraphQL(t.url, CASES[2].body, t.standard.token);
    expect(notFound.errors?.[0]).toMatchObject({ path: ["account"], extensions: { code: "NOT_FOUND" } });
    const badVariable = await postGraphQL(t.url, CASES[6].body, t.standard.token);
    expect(badVariable).toMatchObject({ status: 400, errors: [{ extensions: { code: "BAD_USER_INPUT" } }] });
  });

  it("keeps at most its bound of compiled documents", async () => {
    const schema = await buildGatewaySchema();
    const executor = new JitExecutor(schema, { fallback: graphqlJsExecutor(schema), maxCompiledQueries: 2 });
    const contextValue = await createContext(t.services, `Bearer ${t.standard.token}`);
    const run = (query: string) => {
      const document = parse(query);
      return executor.execute({ document, operation: getOperationAST(document)!, operationName: null, queryHash: query, variables: {}, contextValue });
    };
    for (const field of ["id", "email", "name"]) expect(await run(`{ me { ${field} } }`)).toEqual({ data: { me: { [field]: expect.any(String) } } });
    expect(executor.cachedQueries).toBe(2);
  });
});
