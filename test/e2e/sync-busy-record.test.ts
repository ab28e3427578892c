import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import { CreateAccountDocument, UpdateAccountDocument, type UpdateAccountMutation } from "../generated/graphql";

const databaseUrl = process.env.DATABASE_URL;

/**
 * Found by the soak run (bench/soak) with two gateway processes on one PostgreSQL database: a mutation whose record
 * was being synced by the other process at that moment answered "PENDING, QUEUED" and its change waited for some
 * worker's next poll. On SQLite there is one process and its syncs run one at a time, so this cannot happen there.
 */
describe.skipIf(!databaseUrl)("a mutation's instant sync while another process syncs the same record (PostgreSQL)", () => {
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
      t.services.outbox.enqueue(m, { side: "CRM", module: "Accounts", recordId: accountId, operation: "UPDATE", values: null, origin: "HOOK", userId: null }));

    // Another gateway process syncing that older change: its entry claimed, the record's sync lock held.
    const other = t.services.db.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    let edit: Promise<UpdateAccountMutation> | null = null;
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

    const { updateAccount } = await edit!;
    expect(updateAccount.sync).toMatchObject({ status: "SYNCED", crmId: accountId, fsmId: companyId });
    expect((await t.services.fsm.getMany("Companies", [companyId]))[0].phone).toBe("+1 555 4242");
    expect(await t.services.outbox.countPending()).toBe(0);
  });
});
