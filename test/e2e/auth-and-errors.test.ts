import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, postGraphQL } from "../support/graphql-client";
import { AccountDocument, AssetsDocument, DefineCustomFieldDocument, MeDocument } from "../generated/graphql";

function expectNoLeaks(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/stacktrace|at \w+ \(|\.ts:\d+|SELECT|sqlite|QueryFailedError/i);
}

describe("who is asking, and the error convention", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.stop());

  it("answers a signed-in user with their own profile", async () => {
    const response = await execute(t.url, MeDocument, {}, t.standard.token);
    expect(response.data?.me).toMatchObject({ email: "sam@test.example", profile: "Standard" });
  });

  it("refuses a request without a token with 401 UNAUTHENTICATED before running anything", async () => {
    const response = await execute(t.url, MeDocument, {});
    expect(response.status).toBe(401);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect(response.errors?.[0].message).toContain("Authorization: Bearer");
  });

  it("refuses unknown, malformed, revoked and expired tokens", async () => {
    const unknown = await execute(t.url, MeDocument, {}, "gw_not-a-real-token");
    expect(unknown).toMatchObject({ status: 401, errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
    const basic = await postGraphQL(t.url, { query: "{ me { id } }" }, undefined, { authorization: "Basic dXNlcjpwYXNz" });
    expect(basic.status).toBe(401);

    const { token: revoked } = await t.services.access.issueToken(t.standard.user.id, "to-revoke");
    expect((await execute(t.url, MeDocument, {}, revoked)).status).toBe(200);
    await t.services.access.revokeTokensLabelled(t.standard.user.id, "to-revoke");
    expect((await execute(t.url, MeDocument, {}, revoked)).status).toBe(401);

    const { token: expired } = await t.services.access.issueToken(t.standard.user.id, "expired", new Date(Date.now() - 1000));
    expect((await execute(t.url, MeDocument, {}, expired)).status).toBe(401);
  });

  it("lets anyone introspect in development, so the playground can load the schema", async () => {
    const response = await postGraphQL(t.url, { query: "{ __schema { queryType { name } } }" });
    expect(response.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });

  it("refuses an admin-only mutation to a Standard user with FORBIDDEN, writing nothing", async () => {
    const input = { system: "CRM" as const, module: "Accounts", apiName: "Tier", label: "Tier", dataType: "TEXT" as const };
    const response = await execute(t.url, DefineCustomFieldDocument, { input }, t.standard.token);
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, path: ["defineCustomField"] });
    expect(response.errors?.[0].message).toContain("ADMIN");
    const fields = await t.services.fields.list(null, "Accounts");
    expect(fields.find((f) => f.apiName === "Tier")).toBeUndefined();
  });

  it("answers NOT_FOUND naming the id", async () => {
    const response = await execute(t.url, AccountDocument, { id: "no-such-account" }, t.standard.token);
    expect(response.data?.account ?? null).toBeNull();
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND", field: "id", id: "no-such-account" }, path: ["account"] });
    expect(response.errors?.[0].message).toContain("no-such-account");
  });

  it("answers invalid input with BAD_USER_INPUT naming every bad field, without echoing the input", async () => {
    const input = { system: "CRM" as const, module: "Accounts", apiName: "Secret", label: "", dataType: "TEXT" as const, picklistValues: ["x".repeat(200)] };
    const response = await execute(t.url, DefineCustomFieldDocument, { input }, t.admin.token);
    const error = response.errors?.[0];
    expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(error?.message).toMatch(/label/);
    expect(error?.message).toMatch(/picklistValues/);
    expect(JSON.stringify(response)).not.toContain("x".repeat(200));
    expectNoLeaks(response);
  });

  it("passes GraphQL's own parse and validation errors through with their codes", async () => {
    const parse = await postGraphQL(t.url, { query: "{ accounts(" }, t.standard.token);
    expect(parse).toMatchObject({ status: 400, errors: [{ extensions: { code: "GRAPHQL_PARSE_FAILED" } }] });
    const unknownField = await postGraphQL(t.url, { query: "{ accounts { nodes { password } } }" }, t.standard.token);
    expect(unknownField).toMatchObject({ status: 400, errors: [{ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }] });
    const badVariable = await postGraphQL(t.url, { query: "query($f: Int) { accounts(first: $f) { totalCount } }", variables: { f: "ten" } }, t.standard.token);
    expect(badVariable).toMatchObject({ status: 400, errors: [{ extensions: { code: "BAD_USER_INPUT" } }] });
    expectNoLeaks([parse, unknownField, badVariable]);
  });
});

describe("an unexpected failure", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.stop());

  it("is reported as INTERNAL_SERVER_ERROR without SQL or stack, and the server keeps serving", async () => {
    // A real fault, not a mock: the table behind Assets disappears under the running server.
    await t.services.db.dataSource.query('DROP TABLE "fsm_asset"');
    const broken = await execute(t.url, AssetsDocument, {}, t.standard.token);
    expect(broken.errors?.[0]).toMatchObject({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expectNoLeaks(broken);
    const next = await execute(t.url, MeDocument, {}, t.standard.token);
    expect(next.data?.me.profile).toBe("Standard");
  });
});
