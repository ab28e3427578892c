import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { SyncLink } from "../../src/links/sync-link.entity";
import { DeletionPreference } from "../../src/sync/settings/sync-settings.entity";
import { SyncPair } from "../../src/sync/sync-pair";
import { historyArb } from "./sync-model/commands";
import { prepareGateway } from "./sync-model/runner";
import { runHistory } from "./sync-model/history";
import { assertHistories } from "./sync-model/replay";

/**
 * Model-based property test of the sync engine, through the real gateway and database: random histories of
 * creates, edits and deletions on both sides, made through the gateway (synced at once), committed but not
 * synced (the process died after commit), or made outside and announced by the change feed (late, twice, out
 * of order, or wrongly); partial drains, "sync now", setting, direction, deletion-preference, mapping and
 * personal-data changes, and process restarts. After a final drain the invariants in sync-model/invariants.ts
 * must hold. SYNC_MODEL_RUNS sets the count (a long run: SYNC_MODEL_RUNS=2000 npx vitest run test/property);
 * SYNC_MODEL_REPLAY="<seed>:<path>" replays a reported failure.
 */
const RUNS = Number(process.env.SYNC_MODEL_RUNS || 60);

describe("sync under random histories (model-based)", () => {
  let t: TestGateway;
  let dir: string;
  const actor = { userId: "model" };

  beforeAll(async () => {
    // A database file, so that a restart finds the same data (PostgreSQL: the test's own schema).
    dir = mkdtempSync(path.join(tmpdir(), "sync-model-"));
    t = await startTestGateway({ syncWorker: false, sqlitePath: path.join(dir, "gateway.sqlite") });
    await prepareGateway(t);
  });
  afterAll(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    "converges, loses nothing, applies nothing twice, never echoes; deletions, links and personal data follow the rules",
    async () => {
      await assertHistories("sync model", historyArb, (commands) => runHistory(t, commands), RUNS);
    },
    Math.max(900_000, RUNS * 10_000),
  );

  it("deletions follow the preference each way, and an edit of the survivor resumes a suspended link", async () => {
    const { db, syncSettings } = t.services;
    await syncSettings.update(SyncPair.ACCOUNTS_COMPANIES, { enabled: true, direction: "TWO_WAY" as never }, "model");
    const prefArb = fc.constantFrom(DeletionPreference.DELETE, DeletionPreference.SUSPEND);
    await fc.assert(
      fc.asyncProperty(prefArb, prefArb, fc.constantFrom<"CRM" | "FSM">("CRM", "FSM"), fc.boolean(), async (onCrm, onFsm, side, editSurvivor) => {
        const { writer } = t.services;
        await syncSettings.update(SyncPair.ACCOUNTS_COMPANIES, { onCrmDelete: onCrm, onFsmDelete: onFsm }, "model");
        const created = await writer.create("CRM", "Accounts", { accountName: `Del ${Math.random()}` }, actor);
        const crmId = created.record!.id;
        const fsmId = created.sync.fsmId!;
        await writer.delete(side, side === "CRM" ? "Accounts" : "Companies", side === "CRM" ? crmId : fsmId, actor);
        const preference = side === "CRM" ? onCrm : onFsm;
        const survivor = side === "CRM" ? { side: "FSM" as const, module: "Companies", id: fsmId } : { side: "CRM" as const, module: "Accounts", id: crmId };
        const survived = (await (survivor.side === "CRM" ? t.services.crm : t.services.fsm).getMany(survivor.module as never, [survivor.id])).length === 1;
        expect(survived).toBe(preference === DeletionPreference.SUSPEND);
        const link = await db.manager.findOneBy(SyncLink, side === "CRM" ? { crmId } : { fsmId });
        expect(link?.status ?? null).toBe(preference === DeletionPreference.SUSPEND ? "SUSPENDED" : null);
        if (survived && editSurvivor) {
          await writer.update(survivor.side, survivor.module, survivor.id, { phone: "resumed" }, actor);
          const resumed = await db.manager.findBy(SyncLink, survivor.side === "CRM" ? { crmId } : { fsmId });
          expect(resumed).toHaveLength(1);
          expect(resumed[0].status).toBe("ACTIVE");
        }
      }),
      { numRuns: 24 },
    );
  }, 120_000);
});
