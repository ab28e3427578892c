import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { SyncStatus } from "../../src/sync/history/sync-event.entity";

/**
 * Regression: on PostgreSQL a sync's transaction holds a pool connection; any read it made outside that
 * transaction needed a second one, so ten syncs at once (the pool's size) waited for each other for ever.
 */
describe("many syncs at once in one process", () => {
  let t: TestGateway;
  const actor = { userId: "parallel" };

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t.stop());

  it("30 concurrent edits of linked records all sync, none waits for ever", async () => {
    const created = [];
    for (let i = 0; i < 30; i += 1) created.push(await t.services.writer.create("CRM", "Accounts", { accountName: `Parallel ${i}` }, actor));
    const edits = created.map((c, i) => t.services.writer.update("CRM", "Accounts", c.record!.id, { phone: `+1 ${i}` }, actor));
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the syncs did not finish in 20 s")), 20_000));
    const results = await Promise.race([Promise.all(edits), timeout]);
    expect(results.every((r) => r.sync.status === SyncStatus.SYNCED)).toBe(true);
    const companies = await t.services.fsm.getMany(
      "Companies",
      created.map((c) => c.sync.fsmId!),
    );
    expect(companies.map((c) => c.phone).sort()).toEqual(created.map((_, i) => `+1 ${i}`).sort());
  }, 30_000);
});
