import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import {
  DemoAccountPhoneDocument,
  DemoInstallStateDocument,
  DemoSyncedRecordsDocument,
  DemoUpdateAccountPhoneDocument,
  DemoUpdateCompanyPhoneDocument,
  InstallStatusDocument,
} from "../generated/graphql";
import { seedIfEmpty } from "../../src/seed/seed-if-empty";
import { DEMO_SCALE } from "../../src/seed/demo-scale";
import { until } from "../support/until";

/**
 * Issue 18, item 8: a first start seeds the demo org through the same public steps an admin takes (install for all
 * users, integrate: the initial sync), so what `npm start` shows is an integrated org, read back over GraphQL.
 */
describe("the demo org is installed and integrated through the public steps", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncPollIntervalMs: 50 }, { org: "fresh" });
    expect((await query(t.url, InstallStatusDocument, {}, t.admin.token)).orgSettings.installState).toBe("NOT_INSTALLED");
    expect(await seedIfEmpty(t.services, DEMO_SCALE, { userId: t.admin.user.id })).toBe(true);
  });
  afterAll(() => t?.stop());

  it("is integrated for all users, every pair enabled two-way, after one completed initial sync whose run is in the history", async () => {
    const state = await query(t.url, DemoInstallStateDocument, {}, t.admin.token);
    expect(state.orgSettings).toEqual({ installState: "INTEGRATED", installMode: "ALL_USERS", statusReason: null });
    expect(state.syncSettings.map((s) => [s.pair, s.enabled, s.direction]).sort()).toEqual([
      ["ACCOUNTS_COMPANIES", true, "TWO_WAY"],
      ["CONTACTS_CONTACTS", true, "TWO_WAY"],
      ["PRODUCTS_SERVICES_AND_PARTS", true, "TWO_WAY"],
    ]);
    expect(state.initialSyncJobs).toHaveLength(1);
    const [job] = state.initialSyncJobs;
    expect(job).toMatchObject({ state: "COMPLETED", duplicateMode: "CLONE", error: null });
    const run = state.syncRuns.find((r) => r.id === job.id);
    expect(run).toMatchObject({ kind: "INITIAL" });
    const crmToFsm = run?.counts.find((c) => c.flow === "CRM_TO_FSM");
    expect(crmToFsm).toMatchObject({ failed: 0 });
    expect(crmToFsm?.synced).toBeGreaterThanOrEqual(DEMO_SCALE.accounts + DEMO_SCALE.products);
  });

  it("every demo Account has its Company, every Contact its FSM Contact, every Product its Service or Part (a standard user sees them)", async () => {
    const { accounts, crmContacts, products } = await query(t.url, DemoSyncedRecordsDocument, {}, t.standard.token);
    expect(accounts.totalCount).toBe(DEMO_SCALE.accounts);
    expect(accounts.nodes).toHaveLength(accounts.totalCount);
    for (const account of accounts.nodes) expect(account.fsmCompany?.companyName, account.id).toBe(account.accountName);
    expect(crmContacts.totalCount).toBeGreaterThan(DEMO_SCALE.accounts);
    expect(crmContacts.nodes).toHaveLength(crmContacts.totalCount);
    for (const contact of crmContacts.nodes) expect(contact.fsmContact?.email, contact.id).toBe(contact.email);
    expect(products.nodes).toHaveLength(DEMO_SCALE.products);
    for (const product of products.nodes) expect(product.fsmServiceAndPart?.name, product.id).toBe(product.productName);
  });

  it("instant sync follows: an Account edit reaches its Company, and a Company edit its Account", async () => {
    const { accounts } = await query(t.url, DemoSyncedRecordsDocument, {}, t.admin.token);
    const [first, second] = accounts.nodes;
    const { updateAccount } = await query(t.url, DemoUpdateAccountPhoneDocument, { id: first.id, phone: "+1 555 0123" }, t.standard.token);
    expect(updateAccount.sync).toMatchObject({ status: "SYNCED", fsmId: first.fsmCompany?.id });
    expect(updateAccount.record?.fsmCompany?.phone).toBe("+1 555 0123");

    const companyId = second.fsmCompany?.id ?? "";
    const { updateCompany } = await query(t.url, DemoUpdateCompanyPhoneDocument, { id: companyId, phone: "+1 555 0456" }, t.standard.token);
    expect(updateCompany.sync).toMatchObject({ status: "SYNCED", crmId: second.id });
    await until(
      "the Company's phone on its Account",
      async () => (await query(t.url, DemoAccountPhoneDocument, { id: second.id }, t.admin.token)).account?.phone === "+1 555 0456",
    );
  });

  it("a second start leaves the seeded org alone", async () => {
    expect(await seedIfEmpty(t.services, DEMO_SCALE, { userId: t.admin.user.id })).toBe(false);
    expect((await query(t.url, DemoInstallStateDocument, {}, t.admin.token)).initialSyncJobs).toHaveLength(1);
  });
});
