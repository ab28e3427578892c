import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { SyncLink } from "../../src/links/sync-link.entity";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";
import { SyncEvent } from "../../src/sync/history/sync-event.entity";
import { DeletionPreference } from "../../src/sync/settings/sync-settings.entity";
import { SyncPair } from "../../src/sync/sync-pair";

/**
 * Model-based property test of the sync engine: random histories of edits on both sides, made through the
 * gateway (synced at once), committed but not yet synced (as when the process dies right after commit), or
 * made outside and announced by the change feed (late, twice, out of order), with partial drains and
 * process restarts in between. After a final drain, the invariants must hold. `SYNC_MODEL_RUNS` sets the count
 * (CI: the default; a long run: SYNC_MODEL_RUNS=2000 npx vitest run test/property).
 */
const RUNS = Number(process.env.SYNC_MODEL_RUNS || 60);
const SLOTS = 3;
const FIELDS = [
  { crm: "phone", fsm: "phone" },
  { crm: "website", fsm: "website" },
  { crm: "accountName", fsm: "companyName" },
] as const;

type Side = "CRM" | "FSM";
type How = "gateway" | "deferred" | "outside";
type Command =
  | { kind: "edit"; slot: number; side: Side; field: number; value: string; how: How; announceTimes: number }
  | { kind: "process"; count: number }
  | { kind: "announceAgain"; slot: number; side: Side };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("edit" as const), slot: fc.nat(SLOTS - 1), side: fc.constantFrom<Side>("CRM", "FSM"), field: fc.nat(FIELDS.length - 1), value: fc.stringMatching(/^[a-z]{1,6}$/), how: fc.constantFrom<How>("gateway", "deferred", "outside"), announceTimes: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("process" as const), count: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("announceAgain" as const), slot: fc.nat(SLOTS - 1), side: fc.constantFrom<Side>("CRM", "FSM") }) },
);

describe("sync under random histories (model-based)", () => {
  let t: TestGateway;
  const actor = { userId: "model" };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 2));

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t.stop());

  async function run(commands: Command[]) {
    const { writer, crm, fsm, db, outbox, engine, links } = t.services;
    // Each history starts from linked pairs of its own.
    const slots: { crmId: string; fsmId: string }[] = [];
    const expected: Record<string, string>[] = [];
    // Per slot and field, every edit in order: who made it, how, and the value.
    const history: Record<string, { side: Side; how: How; value: string }[]>[] = [];
    for (let i = 0; i < SLOTS; i += 1) {
      const name = `Model ${Math.random().toString(36).slice(2, 10)}`;
      const created = await writer.create("CRM", "Accounts", { accountName: name }, actor);
      slots.push({ crmId: created.record!.id, fsmId: created.sync.fsmId! });
      expected.push({ accountName: name });
      history.push({});
    }
    const startEntryId = (await db.manager.maximum(OutboxEntry, "id")) ?? 0;
    const announce = (side: Side, slot: number) =>
      db.transaction((m) => outbox.enqueue(m, { side, module: side === "CRM" ? "Accounts" : "Companies", recordId: side === "CRM" ? slots[slot].crmId : slots[slot].fsmId, operation: "UPDATE", values: null, origin: "HOOK", userId: null }));

    for (const command of commands) {
      await pause(); // edits need distinct times: the later one must win
      if (command.kind === "process") {
        for (let i = 0; i < command.count; i += 1) await engine.processNext();
        continue;
      }
      if (command.kind === "announceAgain") {
        await announce(command.side, command.slot);
        continue;
      }
      const field = FIELDS[command.field];
      const module = command.side === "CRM" ? "Accounts" : "Companies";
      const id = command.side === "CRM" ? slots[command.slot].crmId : slots[command.slot].fsmId;
      const patch = { [command.side === "CRM" ? field.crm : field.fsm]: command.value };
      expected[command.slot][field.crm] = command.value;
      (history[command.slot][field.crm] ??= []).push({ side: command.side, how: command.how, value: command.value });
      if (command.how === "gateway") await writer.update(command.side, module, id, patch, actor);
      if (command.how === "deferred") {
        // The writer's transaction, without the sync that follows it (the process died after commit).
        await db.transaction(async (m) => {
          await engine.noteEditsBeforeWrite(m, command.side, module, id);
          await (command.side === "CRM" ? crm : fsm).update(module as never, id, patch as never, actor, m);
          await outbox.enqueue(m, { side: command.side, module, recordId: id, operation: "UPDATE", values: patch, origin: "GATEWAY", userId: actor.userId });
        });
      }
      if (command.how === "outside") {
        await (command.side === "CRM" ? crm : fsm).update(module as never, id, patch as never, { userId: "outside" });
        for (let i = 0; i < command.announceTimes; i += 1) await announce(command.side, command.slot);
      }
    }
    await engine.drain(); // the restarted worker

    // No change is left behind.
    const pending = await db.manager.createQueryBuilder(OutboxEntry, "o").where("o.id > :start AND o.state = 'PENDING'", { start: startEntryId }).getCount();
    expect(pending).toBe(0);
    for (let i = 0; i < SLOTS; i += 1) {
      const [account] = await crm.getMany("Accounts", [slots[i].crmId]);
      const [company] = await fsm.getMany("Companies", [slots[i].fsmId]);
      for (const field of FIELDS) {
        const crmValue = (account as unknown as Record<string, unknown>)[field.crm] ?? null;
        const fsmValue = (company as unknown as Record<string, unknown>)[field.fsm] ?? null;
        // Always converged.
        expect(fsmValue, `slot ${i} ${field.crm}: both sides equal`).toBe(crmValue);
        const edits = history[i][field.crm] ?? [];
        const contested = new Set(edits.map((e) => e.side)).size > 1;
        const datedExactly = edits.every((e) => e.how !== "outside");
        if (!contested || datedExactly) {
          // Edited on one side only, or every edit dated exactly by the gateway: the latest edit wins.
          expect(crmValue, `slot ${i} ${field.crm}: latest edit`).toBe(expected[i][field.crm] ?? null);
        } else {
          // An edit made outside is dated only by its record's modified time, which any later edit of another
          // field moves: either side's latest value may win, but one of them does, on both sides.
          const latest = (side: Side) => [...edits].reverse().find((e) => e.side === side)?.value;
          expect([latest("CRM"), latest("FSM")], `slot ${i} ${field.crm}: one side's latest edit`).toContain(crmValue);
        }
      }
      // Still one link each way.
      expect(await db.manager.countBy(SyncLink, { crmId: slots[i].crmId })).toBe(1);
      expect(await db.manager.countBy(SyncLink, { fsmId: slots[i].fsmId })).toBe(1);
      expect((await links.syncLinksByCrmIds("Accounts", [slots[i].crmId]))[0].status).toBe("ACTIVE");
    }
    // No entry applied twice, and no sync of ours echoed back as a change of the other side.
    const events = await db.manager.createQueryBuilder(SyncEvent, "e").where("e.entryId > :start", { start: startEntryId }).getMany();
    const perEntry = new Map<number, number>();
    for (const e of events) perEntry.set(e.entryId!, (perEntry.get(e.entryId!) ?? 0) + 1);
    expect([...perEntry.values()].every((n) => n === 1)).toBe(true);
    const entries = await db.manager.createQueryBuilder(OutboxEntry, "o").where("o.id > :start", { start: startEntryId }).getMany();
    expect(entries.every((e) => e.origin === "GATEWAY" || e.origin === "HOOK")).toBe(true);
    expect(entries.length).toBe(perEntry.size);
  }

  it("converges to the latest edit of every field, loses nothing, applies nothing twice, never echoes", async () => {
    await fc.assert(fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 25 }), run), { numRuns: RUNS, verbose: true });
  }, 300_000);

  it("deletions follow the preference each way, and no record ends with two links", async () => {
    const { writer, db, syncSettings } = t.services;
    const prefArb = fc.constantFrom(DeletionPreference.DELETE, DeletionPreference.SUSPEND);
    await fc.assert(
      fc.asyncProperty(prefArb, prefArb, fc.constantFrom<Side>("CRM", "FSM"), fc.boolean(), async (onCrm, onFsm, side, editSurvivor) => {
        await syncSettings.update(SyncPair.ACCOUNTS_COMPANIES, { onCrmDelete: onCrm, onFsmDelete: onFsm }, "model");
        const created = await writer.create("CRM", "Accounts", { accountName: `Del ${Math.random()}` }, actor);
        const crmId = created.record!.id;
        const fsmId = created.sync.fsmId!;
        await writer.delete(side, side === "CRM" ? "Accounts" : "Companies", side === "CRM" ? crmId : fsmId, actor);
        const preference = side === "CRM" ? onCrm : onFsm;
        const survivor = side === "CRM" ? { side: "FSM" as Side, module: "Companies", id: fsmId } : { side: "CRM" as Side, module: "Accounts", id: crmId };
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
