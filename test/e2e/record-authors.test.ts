import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { postGraphQL, query } from "../support/graphql-client";
import { Account } from "../../src/crm/entities/account.entity";
import { AccountAuthorsDocument, CreateAccountDocument, UpdateAccountDocument } from "../generated/graphql";

describe("createdByUser / modifiedByUser over HTTP", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t.stop());

  const authorsOf = async (id: string) => {
    const { accounts } = await query(t.url, AccountAuthorsDocument, { first: 50 }, t.standard.token);
    const account = accounts.nodes.find((a) => a.id === id);
    if (!account) throw new Error(`Account ${id} not listed`);
    return account;
  };

  it("names the user who created a record and the one who changed it last, keeping the ids", async () => {
    const created = await query(t.url, CreateAccountDocument, { input: { accountName: "Authored Ltd" } }, t.standard.token);
    const id = created.createAccount.record?.id;
    if (!id) throw new Error("no Account created");
    await query(t.url, UpdateAccountDocument, { id, input: { phone: "+44 20 7946 0000" } }, t.admin.token);

    const account = await authorsOf(id);
    expect(account.createdBy).toBe(t.standard.user.id);
    expect(account.modifiedBy).toBe(t.admin.user.id);
    expect(account.createdByUser).toEqual({ id: t.standard.user.id, name: "Sam" });
    expect(account.modifiedByUser).toEqual({ id: t.admin.user.id, name: "Admin" });
  });

  it("answers null for an id that names no gateway user (a vendor user or the sync), and keeps the id", async () => {
    const created = await query(t.url, CreateAccountDocument, { input: { accountName: "Made In The CRM" } }, t.standard.token);
    const id = created.createAccount.record?.id;
    if (!id) throw new Error("no Account created");
    // As the CRM reports a record one of its own users made there.
    await t.services.db.manager.update(Account, { id }, { createdBy: "crm-user-4711" });

    const account = await authorsOf(id);
    expect(account.createdBy).toBe("crm-user-4711");
    expect(account.createdByUser).toBeNull();
    expect(account.modifiedByUser).toEqual({ id: t.standard.user.id, name: "Sam" });
  });

  it("shows another user's id and name only, never their e-mail or profile", async () => {
    for (const field of ["email", "profile"]) {
      const reply = await postGraphQL(t.url, { query: `{ accounts(first: 5) { nodes { createdByUser { ${field} } } } }` }, t.standard.token);
      expect(reply).toMatchObject({ status: 400, errors: [{ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }] });
    }
  });
});
