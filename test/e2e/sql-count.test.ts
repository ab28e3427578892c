import { describe, expect, it } from "vitest";
import { startTestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import { DemoOrgSeeder } from "../../src/seed/seed-demo-org";
import { DEMO_SCALE } from "../../src/seed/demo-scale";
import { AccountAuthorsDocument, NestedAccountsDocument, MeDocument } from "../generated/graphql";

/** Seeds an organisation of `accounts` Accounts and counts the SQL statements of one nested query over all of them. */
async function statementsForNestedQuery(accounts: number, dataLoaderBatching = true) {
  // No background sync worker: its polling would land statements in the count.
  const t = await startTestGateway({ dataLoaderBatching, syncWorker: false });
  try {
    await new DemoOrgSeeder(t.services, { ...DEMO_SCALE, accounts, fsmWorkShare: 1, parentedShare: 1 }, { userId: t.admin.user.id }).run();
    await query(t.url, MeDocument, {}, t.standard.token); // the token's last-used time is written once; keep it out of the count
    const before = t.gateway.queryCounter.count;
    const data = await query(t.url, NestedAccountsDocument, { first: accounts }, t.standard.token);
    const statements = t.gateway.queryCounter.count - before;
    const nodes = data.accounts.nodes;
    return {
      statements,
      accounts: nodes.length,
      workOrders: nodes.flatMap((a) => a.workOrders).length,
      appointments: nodes.flatMap((a) => a.workOrders.flatMap((w) => w.serviceAppointments)).length,
      requests: nodes.flatMap((a) => a.deals.flatMap((d) => d.requests)).length,
    };
  } finally {
    await t.stop();
  }
}

describe("DataLoader batching", () => {
  it("runs the same number of SQL statements for a nested query over 5 and over 50 Accounts", async () => {
    const small = await statementsForNestedQuery(5);
    const large = await statementsForNestedQuery(50);
    // The query must really reach every level, or equal counts would prove nothing.
    expect(small.accounts).toBe(5);
    expect(large.accounts).toBe(50);
    expect(large.workOrders).toBeGreaterThan(100);
    expect(large.appointments).toBeGreaterThan(large.workOrders);
    expect(large.requests).toBeGreaterThan(10);
    expect(large.statements).toBe(small.statements);
    // auth (token and user in one) + accounts page + links + work orders + appointments + deals + parent links + requests
    expect(large.statements).toBe(8);
  });

  it("resolves every record's createdByUser / modifiedByUser with one statement per level, for 5 as for 50 Accounts", async () => {
    const authorStatements = async (accounts: number) => {
      const t = await startTestGateway({ syncWorker: false });
      try {
        await new DemoOrgSeeder(t.services, { ...DEMO_SCALE, accounts, fsmWorkShare: 1, parentedShare: 1 }, { userId: t.admin.user.id }).run();
        await query(t.url, MeDocument, {}, t.standard.token);
        const before = t.gateway.queryCounter.count;
        const data = await query(t.url, AccountAuthorsDocument, { first: accounts }, t.standard.token);
        const nodes = data.accounts.nodes;
        const named = [...nodes.map((a) => a.createdByUser), ...nodes.flatMap((a) => a.workOrders.map((w) => w.createdByUser))];
        return { statements: t.gateway.queryCounter.count - before, accounts: nodes.length, named: named.filter((u) => u?.name === "Admin").length };
      } finally {
        await t.stop();
      }
    };
    const small = await authorStatements(5);
    const large = await authorStatements(50);
    // Every Account and Work Order really resolved its author, or equal counts would prove nothing.
    expect(large.accounts).toBe(50);
    expect(large.named).toBeGreaterThan(150);
    expect(large.statements).toBe(small.statements);
  });

  it("runs one statement per load with batching switched off (DATALOADER_BATCHING=off), so the count grows with the rows", async () => {
    const small = await statementsForNestedQuery(5, false);
    const large = await statementsForNestedQuery(50, false);
    expect(large.accounts).toBe(50);
    // At least one statement per Work Order (its appointments) and per Account (its link, its deals).
    expect(large.statements).toBeGreaterThan(large.workOrders + large.accounts);
    expect(large.statements).toBeGreaterThan(5 * small.statements);
  });
});
