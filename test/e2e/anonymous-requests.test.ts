import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getIntrospectionQuery } from "graphql";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { postGraphQL } from "../support/graphql-client";

/** Documents a prober would send to map the schema: unknown fields, arguments, types and enum values. */
const PROBES = [
  "{ accounts(first: 1) { nodes { passwordHash } } }",
  "{ accountz { totalCount } }",
  "{ accounts(frist: 1) { totalCount } }",
  "{ me { id } users { email } }",
  "query($s: SortOrder!) { accounts(sort: $s) { totalCount } }",
  "mutation { deleteEverything }",
  "{ __typename accounts { totalCount } }",
  "{ ...F } fragment F on Query { __typename }",
  "{ __schema { queryType { name } } nope }",
  "{ __schema { queryType { name } } } fragment F on Account { passwordHash }",
];

describe("anonymous requests are refused before validation", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false, introspection: true, graphqlSuggestions: true });
  });
  afterAll(() => t.stop());

  it("answers every probe with 401 UNAUTHENTICATED, naming no field, type or suggestion", async () => {
    for (const query of PROBES) {
      const answer = await postGraphQL(t.url, { query, variables: { s: "DES" } });
      expect({ query, status: answer.status, codes: answer.errors?.map((e) => e.extensions?.code) }).toEqual({
        query,
        status: 401,
        codes: ["UNAUTHENTICATED"],
      });
      expect(JSON.stringify(answer)).not.toMatch(/Did you mean|passwordHash|accountz|frist|SortOrder|Cannot query/);
    }
  });

  it("still serves introspection-only documents (the playground loads the schema before a token is set)", async () => {
    const answer = await postGraphQL<{ __schema: { queryType: { name: string } } }>(t.url, { query: "{ __schema { queryType { name } } }" });
    expect(answer).toMatchObject({ status: 200, data: { __schema: { queryType: { name: "Query" } } } });
  });

  it("serves the full introspection query GraphiQL sends, fragments on introspection types included", async () => {
    const answer = await postGraphQL<{ __schema: { types: unknown[] } }>(t.url, {
      query: getIntrospectionQuery({ inputValueDeprecation: true }),
      operationName: "IntrospectionQuery",
    });
    expect(answer.status).toBe(200);
    expect(answer.data?.__schema.types.length).toBeGreaterThan(50);
  });

  it('gives no "Did you mean" hint to an anonymous introspection typo, though suggestions are on', async () => {
    const answer = await postGraphQL(t.url, { query: '{ __type(name: "Account") { fieldz { name } } }' });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer)).not.toMatch(/Did you mean/);
    const lookalike = await postGraphQL(t.url, { query: "{ __accounts }" });
    expect(lookalike.status).toBe(400);
    expect(JSON.stringify(lookalike)).not.toMatch(/Did you mean|"accounts"/);
    const signedIn = await postGraphQL(t.url, { query: "{ accounts(first: 1) { nodes { accountNam } } }" }, t.standard.token);
    expect(signedIn.errors?.[0].message).toContain("Did you mean");
  });
});

describe("anonymous requests with introspection off", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false, introspection: false });
  });
  afterAll(() => t.stop());

  it("answers even an introspection document with 401", async () => {
    for (const query of ["{ __schema { queryType { name } } }", "{ __typename }", ...PROBES]) {
      const answer = await postGraphQL(t.url, { query });
      expect({ query, status: answer.status, codes: answer.errors?.map((e) => e.extensions?.code) }).toEqual({
        query,
        status: 401,
        codes: ["UNAUTHENTICATED"],
      });
    }
  });
});
