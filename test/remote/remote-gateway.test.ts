import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import { CreateAccountDocument, MeDocument, NestedAccountsDocument } from "../generated/graphql";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";
import { DemoOrgSeeder } from "../../src/seed/seed-demo-org";
import { DEMO_SCALE } from "../../src/seed/demo-scale";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the gateway on the remote connectors", () => {
  let t: TestGateway;
  let fsmDown = false;

  beforeAll(async () => {
    t = await startTestGateway(
      { syncWorker: false },
      {
        connectors: "zoho",
        // An FSM outage on demand: every FSM call answers 503.
        emulator: {
          routers: [
            () => (req, res, next) =>
              fsmDown && req.path.startsWith("/fsm/")
                ? void res.status(503).json({ code: "INTERNAL_ERROR", message: "down", status: "error", details: {} })
                : next(),
          ],
        },
      },
    );
  });
  afterAll(() => t.stop());

  it("keeps no CRM or FSM records in the gateway's own tables", async () => {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Remote Only" } }, t.standard.token);
    expect(createAccount.sync).toMatchObject({ status: "SYNCED", reason: "COUNTERPART_CREATED" });
    const [{ count: accounts }] = await t.services.db.dataSource.query<{ count: number | string }[]>(`SELECT COUNT(*) AS count FROM crm_account`);
    const [{ count: companies }] = await t.services.db.dataSource.query<{ count: number | string }[]>(`SELECT COUNT(*) AS count FROM fsm_company`);
    expect([Number(accounts), Number(companies)]).toEqual([0, 0]);
    expect((await t.emulator!.context.stores.CRM.getMany("Accounts", [createAccount.record!.id])).length).toBe(1);
  });

  it("retries a sync when the FSM answers 503, and syncs once it is back", async () => {
    fsmDown = true;
    let entryId: number;
    try {
      const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Outage Co" } }, t.standard.token);
      expect(createAccount.sync).toMatchObject({ status: "PENDING", reason: "RETRY_SCHEDULED" });
      entryId = createAccount.sync.entryId!;
      expect(await t.services.db.manager.findOneByOrFail(OutboxEntry, { id: entryId })).toMatchObject({ state: "PENDING", attempts: 1 });
    } finally {
      fsmDown = false;
    }
    await pause(1100);
    expect(await t.services.engine.drain()).toBe(1);
    expect(await t.services.db.manager.findOneByOrFail(OutboxEntry, { id: entryId })).toMatchObject({ state: "DONE" });
  });

  it("answers a nested query with CRM lookups batched 10 parents a search (the search's criteria limit)", async () => {
    await new DemoOrgSeeder(t.services, { ...DEMO_SCALE, accounts: 50, fsmWorkShare: 1, parentedShare: 1 }, { userId: t.admin.user.id }).run();
    await query(t.url, MeDocument, {}, t.standard.token);
    const requestsFor = async (first: number) => {
      t.emulator!.requests.length = 0;
      const data = await query(t.url, NestedAccountsDocument, { first }, t.standard.token);
      expect(data.accounts.nodes).toHaveLength(first);
      const by = (system: string) => t.emulator!.requests.filter((r) => r.system === system).length;
      return { crm: by("CRM"), fsm: by("FSM"), workOrders: data.accounts.nodes.flatMap((a) => a.workOrders).length };
    };
    const small = await requestsFor(5);
    const large = await requestsFor(50);
    expect(large.workOrders).toBeGreaterThan(50);
    // The Accounts page, then one search per 10 Accounts for their Deals: (Account_Name:equals:…)or(…) ×10.
    expect(small.crm).toBe(1 + 1);
    expect(large.crm).toBe(1 + 5);
    // The FSM's search takes one value: its lookups cost a request per parent (see docs/operations.md, Remote connectors).
    console.info(`nested query requests: 5 Accounts → CRM ${small.crm}, FSM ${small.fsm}; 50 Accounts → CRM ${large.crm}, FSM ${large.fsm}`);
  });
});
