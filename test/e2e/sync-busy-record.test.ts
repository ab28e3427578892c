import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import { CreateAccountDocument, UpdateAccountDocument, type UpdateAccountMutation } from "../generated/graphql";

const databaseUrl = process.env.DATABASE_URL;

/**
 * Found by the soak run (bench/soak) with two gateway processes on one PostgreSQL database. On SQLite there is one
 * process and its transactions run one at a time, so neither can happen there.
 * 1. A mutation whose record was being synced by the other process answered "PENDING, QUEUED", and its change
 *    waited for some worker's next poll.
 * 2. A sync read the other side's record, an edit made outside the gateway committed, and the sync then wrote its
 *    value over that later edit: the later edit was lost on both sides.
 */
describe.skipIf(!databaseUrl)("syncs while another process or system writes the same record (PostgreSQL)", () => {
  let t: TestGateway;

  beforeAll(async () => {
    // No worker here: only the mutation's own sync can apply the edit.
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t?.stop());

  it("waits for the other process's sync to commit, then syncs the edit at once instead of leaving it for a later poll", async () => {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Busy Record Ltd" } }, t.standard.token);
    const accountId = createAccount.record!.id;
    const companyId = createAccount.sync.fsmId!;
    const older = await t.services.db.transaction((m) =>
      t.services.outbox.enqueue(m, { side: "CRM", module: "Accounts", recordId: accountId, operation: "UPDATE", values: null, origin: "HOOK", userId: null }),
    );

    // Another gateway process syncing that older change: its entry claimed, the record's sync lock held.
    const other = t.services.db.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    let edit: Promise<UpdateAccountMutation>;
    try {
      await other.query("SELECT id FROM gw_outbox WHERE id = $1 FOR UPDATE", [older.id]);
      await other.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`CRM:Accounts:${accountId}`]);
      edit = query(t.url, UpdateAccountDocument, { id: accountId, input: { phone: "+1 555 4242" } }, t.standard.token);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await other.query(`UPDATE gw_outbox SET state = 'DONE', "processedTime" = now() WHERE id = $1`, [older.id]);
      await other.commitTransaction();
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }

    const { updateAccount } = await edit;
    expect(updateAccount.sync).toMatchObject({ status: "SYNCED", crmId: accountId, fsmId: companyId });
    expect((await t.services.fsm.getMany("Companies", [companyId]))[0].phone).toBe("+1 555 4242");
    expect(await t.services.outbox.countPending()).toBe(0);
  });

  it("does not overwrite an edit made outside the gateway while the sync was deciding: the later edit wins on both sides", async () => {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Late Outside Edit Ltd" } }, t.standard.token);
    const accountId = createAccount.record!.id;
    const companyId = createAccount.sync.fsmId!;
    // A CRM edit, committed with its outbox entry (synced below)…
    await t.services.db.transaction(async (m) => {
      await t.services.crm.update("Accounts", accountId, { website: "https://crm.example" }, { userId: "test" }, m);
      await t.services.outbox.enqueue(m, {
        side: "CRM",
        module: "Accounts",
        recordId: accountId,
        operation: "UPDATE",
        values: { website: "https://crm.example" },
        origin: "GATEWAY",
        userId: "test",
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // …then, later, the FSM's own UI edits the same field of the Company: its transaction is still open when the sync runs.
    let commitOutside!: () => void;
    const outsideOpen = new Promise<void>((resolve) => (commitOutside = resolve));
    let written!: () => void;
    const outsideWritten = new Promise<void>((resolve) => (written = resolve));
    const outside = t.services.db.transaction(async (m) => {
      await t.services.fsm.update("Companies", companyId, { website: "https://fsm-later.example" }, { userId: "outside" }, m);
      written();
      await outsideOpen;
    });
    await outsideWritten;
    const sync = t.services.engine.drain();
    await new Promise((resolve) => setTimeout(resolve, 500));
    commitOutside();
    await outside;
    await sync;
    // The FSM announces its edit; the later edit must end up on both sides.
    await t.services.db.transaction((m) =>
      t.services.outbox.enqueue(m, { side: "FSM", module: "Companies", recordId: companyId, operation: "UPDATE", values: null, origin: "HOOK", userId: null }),
    );
    await t.services.engine.drain();
    expect((await t.services.fsm.getMany("Companies", [companyId]))[0].website).toBe("https://fsm-later.example");
    expect((await t.services.crm.getMany("Accounts", [accountId]))[0].website).toBe("https://fsm-later.example");
  });
});
