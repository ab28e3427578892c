import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";

/**
 * Found by the soak run (bench/soak) on its seeded organisation, whose links carry no shadow yet (as the demo
 * seeder makes them; a field empty on both sides at the initial sync has none either). A change-feed sync of the
 * CRM record overwrote the Service's newer, still pending gateway edit; that edit's own sync then pushed its value
 * to the CRM, and the two sides were left different for good.
 */
describe("a link whose field has no shadow yet: the later of two edits wins on both sides", () => {
  let t: TestGateway;
  const actor = { userId: "test" };

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t?.stop());

  it("does not let an older change-feed edit overwrite a newer pending gateway edit of the other side", async () => {
    const { crm, fsm, links, outbox, db, engine } = t.services;
    const product = await crm.create("Products", { productName: "Unshadowed Valve", productCode: "UV-1", unitPrice: 10, type: "Goods" }, actor);
    const part = await fsm.create("Services_And_Parts", { name: "Unshadowed Valve", sku: "UV-1", unitPrice: 10, type: "Part" }, actor);
    await links.createSyncLinks([{ crmModule: "Products", crmId: product.id, fsmModule: "Services_And_Parts", fsmId: part.id }]);

    // 1. Edited in the CRM's own UI, and announced on its change feed (synced below).
    await crm.update("Products", product.id, { productCode: "CRM-OLDER" }, { userId: "outside" });
    await db.transaction((m) =>
      outbox.enqueue(m, { side: "CRM", module: "Products", recordId: product.id, operation: "UPDATE", values: null, origin: "HOOK", userId: null }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    // 2. Later, the same field edited through the gateway on the FSM side, committed with its entry, not synced yet.
    await db.transaction(async (m) => {
      await fsm.update("Services_And_Parts", part.id, { sku: "FSM-LATER" }, actor, m);
      await outbox.enqueue(m, {
        side: "FSM",
        module: "Services_And_Parts",
        recordId: part.id,
        operation: "UPDATE",
        values: { sku: "FSM-LATER" },
        origin: "GATEWAY",
        userId: actor.userId,
      });
    });

    expect(await engine.drain()).toBe(2);
    expect((await fsm.getMany("Services_And_Parts", [part.id]))[0].sku).toBe("FSM-LATER");
    expect((await crm.getMany("Products", [product.id]))[0].productCode).toBe("FSM-LATER");
  });
});
