import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphQLFormattedError } from "graphql";
import { startTestGateway, testConfig, type TestGateway } from "../support/test-gateway";
import { buildSmallOrg, type SmallOrg } from "../support/small-org";
import { postGraphQL } from "../support/graphql-client";
import { CrmContact } from "../../src/crm/entities/crm-contact.entity";
import { CHANGE_FEED_SECRET_HEADER } from "../../src/http/change-feed.router";
import { FSM_WEBHOOK_KEY_HEADER } from "../../src/remote/events/zoho-events.router";

const SECRET = "input-bounds-secret";
const WEBHOOK_KEY = "input-bounds-webhook-key";
const NUL = "\u0000";

/** Every refusal here: BAD_USER_INPUT naming the field, whatever the store (never INTERNAL_SERVER_ERROR). */
function expectRefused(errors: readonly GraphQLFormattedError[] | undefined, field: string) {
  expect(errors, `expected a refusal of ${field}`).toBeDefined();
  expect(errors![0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field } });
}

function cursor(time: unknown, id: unknown): string {
  return Buffer.from(JSON.stringify([time, id])).toString("base64url");
}

describe("bounded, validated inputs (the same on SQLite and PostgreSQL)", () => {
  let t: TestGateway;
  let org: SmallOrg;
  const gql = (query: string, variables: Record<string, unknown> = {}, token = t.admin.token) => postGraphQL(t.url, { query, variables }, token);
  const createAccount = (input: Record<string, unknown>) =>
    gql("mutation ($input: AccountInput!) { createAccount(input: $input) { record { id customFields } } }", { input });
  const define = (module: string, apiName: string, dataType: string, extra: Record<string, unknown> = {}) =>
    gql("mutation ($input: CustomFieldInput!) { defineCustomField(input: $input) { apiName } }", {
      input: { system: "CRM", module, apiName, label: apiName, dataType, ...extra },
    });

  beforeAll(async () => {
    const base = testConfig();
    t = await startTestGateway({ hookSecret: SECRET, zoho: { ...base.zoho, fsmWebhookKey: WEBHOOK_KEY } });
    org = await buildSmallOrg(t.services, t.admin.user.id);
    for (const [apiName, dataType, extra] of [
      ["Notes", "TEXTAREA", {}],
      ["Code", "TEXT", {}],
      ["Seats", "INTEGER", {}],
      ["Rating", "DECIMAL", {}],
      ["Vip", "BOOLEAN", {}],
      ["Since", "DATE", {}],
      ["Tier", "PICKLIST", { picklistValues: ["Gold", "Silver"] }],
    ] as const) {
      expect((await define("Accounts", apiName, dataType, extra)).errors).toBeUndefined();
    }
  });

  afterAll(async () => {
    await t?.stop();
  });

  describe("customFields", () => {
    it("accepts defined fields with values of their type", async () => {
      const answer = await createAccount({
        accountName: "Typed Ltd",
        customFields: { Notes: "line 1\nline 2", Code: "C-1", Seats: 12, Rating: 4.5, Vip: true, Since: "2020-01-31", Tier: "Gold" },
      });
      expect(answer.errors).toBeUndefined();
      expect((answer.data as { createAccount: { record: { customFields: object } } }).createAccount.record.customFields).toMatchObject({
        Seats: 12,
        Tier: "Gold",
      });
    });

    it("refuses 1 MB of custom values", async () => {
      expectRefused((await createAccount({ accountName: "Big", customFields: { Notes: "x".repeat(1_000_000) } })).errors, "customFields");
    });

    it("refuses 60,000 keys", async () => {
      const customFields = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]));
      expectRefused((await createAccount({ accountName: "Many", customFields })).errors, "customFields");
    });

    it("refuses deep nesting without overflowing the stack, and answers the next request", async () => {
      // Written out by hand: JSON.stringify itself would overflow on it.
      const levels = 20_000;
      const deep = `${'{"Notes":'.repeat(levels)}{"leaf":1}${"}".repeat(levels)}`;
      const query = "mutation ($input: AccountInput!) { createAccount(input: $input) { record { id } } }";
      const body = `{"query":${JSON.stringify(query)},"variables":{"input":{"accountName":"Deep","customFields":${deep}}}}`;
      expectRefused((await postGraphQL(t.url, body, t.admin.token)).errors, "customFields");
      expect((await gql("{ accounts(first: 1) { totalCount } }")).errors).toBeUndefined();
    });

    it("refuses a key that is not a custom field of the module", async () => {
      expectRefused((await createAccount({ accountName: "Unknown key", customFields: { Nope: "x" } })).errors, "customFields.Nope");
      // A standard field's name is not a custom field either.
      expectRefused((await createAccount({ accountName: "Standard key", customFields: { Phone: "x" } })).errors, "customFields.Phone");
    });

    it("refuses values of the wrong type", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ Seats: "many" }, "customFields.Seats"],
        [{ Seats: 1.5 }, "customFields.Seats"],
        [{ Rating: 1e15 }, "customFields.Rating"],
        [{ Vip: "yes" }, "customFields.Vip"],
        [{ Since: "31/01/2020" }, "customFields.Since"],
        [{ Since: "2020-02-31" }, "customFields.Since"],
        [{ Tier: "Bronze" }, "customFields.Tier"],
        [{ Code: "x".repeat(256) }, "customFields.Code"],
        [{ Code: "two\nlines" }, "customFields.Code"],
        [{ Notes: `nul${NUL}` }, "customFields.Notes"],
        [{ Code: { nested: "object" } }, "customFields"], // a nested value breaks the depth bound first
      ];
      for (const [customFields, field] of cases) expectRefused((await createAccount({ accountName: "Wrong", customFields })).errors, field);
    });

    it("refuses a bad custom value on update too", async () => {
      const answer = await gql("mutation ($id: ID!, $input: AccountInput!) { updateAccount(id: $id, input: $input) { record { id } } }", {
        id: org.accountB.id,
        input: { customFields: { Seats: "many" } },
      });
      expectRefused(answer.errors, "customFields.Seats");
    });
  });

  describe("strings: control characters and lengths", () => {
    it("refuses NUL in names, ids, searches and filters, naming the field", async () => {
      expectRefused((await createAccount({ accountName: `Nul${NUL}Ltd` })).errors, "accountName");
      expectRefused((await createAccount({ accountName: "Nul Ltd", billingAddress: { city: `A${NUL}` } })).errors, "billingAddress.city");
      expectRefused((await gql("query ($f: AccountFilter) { accounts(filter: $f) { totalCount } }", { f: { search: `a${NUL}` } })).errors, "search");
      expectRefused((await gql("query ($f: AccountFilter) { accounts(filter: $f) { totalCount } }", { f: { industry: `Retail${NUL}` } })).errors, "industry");
      expectRefused(
        (await gql("query ($f: CrmContactFilter) { crmContacts(filter: $f) { totalCount } }", { f: { accountId: `a${NUL}` } })).errors,
        "accountId",
      );
      expectRefused((await gql("query ($id: ID!) { account(id: $id) { id } }", { id: `a${NUL}` })).errors, "id");
      expectRefused((await gql("query ($s: String) { linkableFsmRecords(module: Requests, search: $s) { id } }", { s: `a${NUL}` })).errors, "search");
      expectRefused(
        (await gql('mutation ($n: String!) { createUser(name: $n, email: "x@y.example", profile: "Standard") { id } }', { n: `N${NUL}` })).errors,
        "name",
      );
    });

    it("refuses NUL and over-long strings in the arguments of nested fields too", async () => {
      expectRefused((await gql("query ($r: String) { syncRuns { failures(reason: $r) { id } } }", { r: `A${NUL}` })).errors, "reason");
      expectRefused((await gql("query ($r: String) { syncRuns { failures(reason: $r) { id } } }", { r: "x".repeat(40_000) })).errors, "reason");
      expectRefused((await gql('{ syncRuns { ...F } } fragment F on SyncRun { failures(reason: "A\\u0000") { id } }')).errors, "reason");
    });

    it("refuses other control characters, and line breaks in single-line fields, but keeps them in text areas", async () => {
      expectRefused((await createAccount({ accountName: "Bell\u0007" })).errors, "accountName");
      expectRefused((await createAccount({ accountName: "Two\nlines" })).errors, "accountName");
      const answer = await createAccount({ accountName: "Multi-line", description: "first\r\n\tsecond" });
      expect(answer.errors).toBeUndefined();
    });

    it("refuses over-long strings, naming the field", async () => {
      expectRefused((await createAccount({ accountName: "x".repeat(256) })).errors, "accountName");
      expectRefused((await createAccount({ accountName: "Long text", description: "x".repeat(32_001) })).errors, "description");
      expectRefused((await createAccount({ accountName: "Long city", billingAddress: { city: "x".repeat(256) } })).errors, "billingAddress.city");
      expectRefused(
        (await gql('mutation ($n: String!) { createUser(name: $n, email: "long@y.example", profile: "Standard") { id } }', { n: "x".repeat(10_000) })).errors,
        "name",
      );
      expectRefused((await gql("query ($s: String) { linkableFsmRecords(module: Requests, search: $s) { id } }", { s: "x".repeat(100_000) })).errors, "search");
      // An id longer than any store issues names nothing, and is not echoed back in a NOT_FOUND.
      expectRefused((await gql("query ($id: ID!) { account(id: $id) { id } }", { id: "x".repeat(20_000) })).errors, "id");
      expectRefused((await gql("mutation ($id: ID!) { revokeToken(id: $id) { id } }", { id: "x".repeat(65) })).errors, "id");
    });
  });

  describe("numbers and cursors", () => {
    const accounts = (variables: Record<string, unknown>) =>
      gql("query ($first: Int!, $after: String) { accounts(first: $first, after: $after) { totalCount } }", variables);

    it("refuses a huge or malformed first or after", async () => {
      expect((await accounts({ first: 2 ** 40 })).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expectRefused((await accounts({ first: 1_000_000 })).errors, "first");
      expectRefused((await accounts({ first: 5, after: "not a cursor" })).errors, "after");
      expectRefused((await accounts({ first: 5, after: cursor(1e20, "x") })).errors, "after");
      expectRefused((await accounts({ first: 5, after: cursor(-1e15, "x") })).errors, "after");
      expectRefused((await accounts({ first: 5, after: cursor(Date.now(), `x${NUL}`) })).errors, "after");
      expectRefused((await accounts({ first: 5, after: cursor(Date.now(), "x".repeat(100)) })).errors, "after");
      expectRefused((await accounts({ first: 5, after: "x".repeat(100_000) })).errors, "after");
    });

    it("refuses amounts outside numeric(14,2): too large, too precise", async () => {
      const product = (unitPrice: number) =>
        gql("mutation ($input: ProductInput!) { createProduct(input: $input) { record { id } } }", { input: { productName: "Priced", unitPrice } });
      expectRefused((await product(1e12)).errors, "unitPrice");
      expectRefused((await product(1e300)).errors, "unitPrice");
      expectRefused((await product(1.234)).errors, "unitPrice");
      expect((await product(999_999_999_999.99)).errors).toBeUndefined();
      const deal = await gql("mutation ($c: ID!, $input: DealInput!) { createDealFromFsm(companyId: $c, input: $input) { id } }", {
        c: org.company.id,
        input: { dealName: "Huge", amount: 1e13 },
      });
      expectRefused(deal.errors, "amount");
    });
  });

  describe("references", () => {
    it("refuses a dangling accountId and writes nothing", async () => {
      const before = await t.services.db.manager.count(CrmContact);
      const answer = await gql("mutation ($input: CrmContactInput!) { createCrmContact(input: $input) { record { id } } }", {
        input: { lastName: "Nobody", accountId: "00000000-0000-0000-0000-000000000000" },
      });
      expectRefused(answer.errors, "accountId");
      expect(await t.services.db.manager.count(CrmContact)).toBe(before);
      const update = await gql("mutation ($id: ID!, $input: CrmContactInput!) { updateCrmContact(id: $id, input: $input) { record { id } } }", {
        id: org.contactB1.id,
        input: { accountId: "missing" },
      });
      expectRefused(update.errors, "accountId");
      expect((await t.services.crm.getMany("Contacts", [org.contactB1.id]))[0].accountId).toBe(org.accountB.id);
    });

    it("refuses dangling references in the other modules' inputs", async () => {
      const company = await gql(
        "mutation ($input: FsmContactInput!) { createFsmContact(input: $input) { record { id } } }",
        {
          input: { lastName: "Nobody", email: "nobody@x.example", companyId: "missing-company" },
        },
        t.admin.token,
      );
      expectRefused(company.errors, "companyId");
      const order = await gql("mutation ($c: ID!, $input: SalesOrderInput!) { createSalesOrderFromFsm(companyId: $c, input: $input) { id } }", {
        c: org.company.id,
        input: { subject: "Order", dealId: "missing-deal" },
      });
      expectRefused(order.errors, "dealId");
      const request = await gql(
        "mutation ($id: ID!, $input: RequestInput) { createRequestFromCrm(sourceModule: Deals, sourceId: $id, input: $input) { id } }",
        {
          id: org.deal.id,
          input: { summary: "Dangling asset", assetId: "missing-asset" },
        },
      );
      expectRefused(request.errors, "assetId");
      const asset = await gql(
        "mutation ($id: ID!, $input: AssetInput) { createAssetFromCrm(sourceModule: Sales_Orders, sourceId: $id, input: $input) { id } }",
        {
          id: org.salesOrder.id,
          input: { name: "Dangling product", serviceAndPartId: "missing-service" },
        },
      );
      expectRefused(asset.errors, "serviceAndPartId");
    });
  });

  describe("records that arrive from a system", () => {
    it("syncs and serves a record whose custom fields the catalogue does not know, and lets users edit it", async () => {
      // The FSM can hold fields the gateway was never told about; they come in as they are.
      const company = await t.services.fsm.create(
        "Companies",
        { companyName: "Outside Co", customFields: { Not_Defined: "x", Odd: { nested: [1, 2] } } },
        { userId: "fsm" },
      );
      const synced = await gql("mutation ($id: ID!) { syncRecordNow(system: FSM, module: Companies, id: $id) { status reason crmId } }", { id: company.id });
      expect(synced.errors).toBeUndefined();
      expect((synced.data as { syncRecordNow: { status: string } }).syncRecordNow.status).toBe("SYNCED");
      const read = await gql("query ($id: ID!) { company(id: $id) { companyName customFields } }", { id: company.id });
      // (The embedded store keeps the unknown keys; the remote connector reads only the catalogue's fields.)
      expect(read.data).toMatchObject({ company: { companyName: "Outside Co", customFields: expect.any(Object) } });
      const edit = await gql("mutation ($id: ID!, $input: CompanyInput!) { updateCompany(id: $id, input: $input) { record { phone customFields } } }", {
        id: company.id,
        input: { phone: "+1 555 0199" },
      });
      expect(edit.errors).toBeUndefined();
      expect(edit.data).toMatchObject({ updateCompany: { record: { phone: "+1 555 0199" } } });
    });
  });

  describe("HTTP routes", () => {
    const postJson = (path: string, body: unknown, headers: Record<string, string>) =>
      fetch(`${t.url.replace(/\/graphql$/, "")}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });

    it("answers a change-feed id with a NUL byte with 400 JSON", async () => {
      const response = await postJson("/hooks/crm", { module: "Accounts", ids: [`a${NUL}b`], operation: "update" }, { [CHANGE_FEED_SECRET_HEADER]: SECRET });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "BAD_USER_INPUT", field: "ids" } });
    });

    it("answers an FSM webhook id with a NUL byte with 400 JSON", async () => {
      const response = await postJson(
        "/hooks/zoho/fsm/webhook",
        { module: "Companies", ids: `a${NUL}b`, operation: "update" },
        { [FSM_WEBHOOK_KEY_HEADER]: WEBHOOK_KEY },
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "BAD_USER_INPUT", field: "ids" } });
    });

    it("answers a sync-log download path with %00 with 404 JSON", async () => {
      for (const path of ["/sync-history/%00/failures.csv", "/sync-history/a%00b/logs/X.csv", `/sync-history/${"x".repeat(5000)}/failures.csv`]) {
        const response = await fetch(`${t.url.replace(/\/graphql$/, "")}${path}`, { headers: { authorization: `Bearer ${t.admin.token}` } });
        expect(response.status, path).toBe(404);
        expect(response.headers.get("content-type")).toMatch(/application\/json/);
        expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "NOT_FOUND" } }] });
      }
    });
  });
});
