import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import { CreateFsmContactDocument, InitialSyncJobDocument, StartInitialSyncDocument } from "../generated/graphql";
import { SyncLink } from "../../src/links/sync-link.entity";

/** Email and Company/Account Name compare by match key (NFKC, trimmed, case-insensitive) in Overwrite and duplicate checks. */
describe("matching by match key", () => {
  let t: TestGateway;
  const actor = { userId: "seed" };

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t.stop());

  it("Overwrite pairs JOHN@x.com with john@x.com and ' ACME Ltd ' with 'Acme Ltd' instead of creating duplicates", async () => {
    const { crm, fsm } = t.services;
    const account = await crm.create("Accounts", { accountName: "  ACME Ltd " }, actor);
    const company = await fsm.create("Companies", { companyName: "Acme Ltd" }, actor);
    const john = await crm.create("Contacts", { lastName: "Smith", email: "JOHN@x.com", accountId: account.id }, actor);
    const johnFsm = await fsm.create("Contacts", { lastName: "Smith", email: "john@x.com", companyId: company.id }, actor);
    // Full-width letters are the same letters after NFKC.
    const wide = await crm.create("Contacts", { lastName: "Wide", email: "ｗｉｄｅ@x.com", accountId: account.id }, actor);
    const wideFsm = await fsm.create("Contacts", { lastName: "Wide", email: "Wide@X.com", companyId: company.id }, actor);

    const { startInitialSync } = await query(t.url, StartInitialSyncDocument, { duplicateMode: "OVERWRITE" }, t.admin.token);
    await t.services.initialSync.idle();
    const { initialSyncJob } = await query(t.url, InitialSyncJobDocument, { id: startInitialSync.id }, t.admin.token);
    expect(initialSyncJob.state).toBe("COMPLETED");
    const linkOf = (crmId: string) => t.services.db.manager.findOneByOrFail(SyncLink, { crmId });
    expect((await linkOf(account.id)).fsmId).toBe(company.id);
    expect((await linkOf(john.id)).fsmId).toBe(johnFsm.id);
    expect((await linkOf(wide.id)).fsmId).toBe(wideFsm.id);
    expect(initialSyncJob.counts).toMatchObject({ OVERWRITTEN: 3 });
    expect(await (await fsm.list("Contacts", {}, { first: 1, direction: "ASC" })).countTotal()).toBe(2);
  });

  it("the FSM's one-e-mail-per-Company check refuses Ada@Acme.example beside ada@acme.example", async () => {
    const company = await t.services.fsm.create("Companies", { companyName: "Dup Check Co" }, actor);
    await t.services.fsm.create("Contacts", { lastName: "Ada", email: "ada@acme.example", companyId: company.id }, actor);
    const twin = await execute(
      t.url,
      CreateFsmContactDocument,
      { input: { lastName: "Twin", email: "Ada@Acme.example", companyId: company.id } },
      t.standard.token,
    );
    expect(JSON.stringify(twin.errors)).toContain("DUPLICATE_DATA");
    const other = await t.services.fsm.findByReference("Contacts", "companyId", [company.id]);
    expect(other.map((c) => c.lastName)).toEqual(["Ada"]);
  });
});
