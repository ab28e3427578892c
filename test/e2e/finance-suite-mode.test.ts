import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import {
  AdminMailboxDocument,
  CreateAccountDocument,
  FinanceSuiteSyncStatusDocument,
  MassDeleteUpdateSyncSettingsDocument,
  SetFinanceSuiteIntegrationDocument,
} from "../generated/graphql";

const SECRET = "finance-suite-secret";
const SYNC_DISABLED_SUBJECT = "Two-Way Sync between CRM and FSM is disabled";
const HELD_SUBJECT = /^Deletions held for confirmation/;

describe("finance-suite mode: its own sync status and reason, and no sync mail", () => {
  let t: TestGateway;
  const accountIds: string[] = [];

  beforeAll(async () => {
    t = await startTestGateway({ hookSecret: SECRET, syncWorker: false });
    // CRM deletions delete the Companies, so the mass-delete guard watches them.
    const deletion = { enabled: true, direction: "TWO_WAY" as const, onCrmDelete: "DELETE" as const, onFsmDelete: "SUSPEND" as const };
    await query(t.url, MassDeleteUpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: deletion }, t.admin.token);
    for (let i = 1; i <= 20; i += 1) {
      const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: `Ledger Customer ${i}` } }, t.standard.token);
      if (!createAccount.record?.fsmCompany) throw new Error(`Account ${i} did not sync`);
      accountIds.push(createAccount.record.id);
    }
  });
  afterAll(() => t.stop());

  const status = async () => (await query(t.url, FinanceSuiteSyncStatusDocument, {}, t.admin.token)).orgSettings;
  const subjects = async () => (await query(t.url, AdminMailboxDocument, { first: 50 }, t.admin.token)).adminMailbox.map((m) => m.subject);
  /** The CRM announces deletions on its change feed; the mass-delete guard holds 10 of 20 linked Accounts. */
  const announceCrmDeletions = async (ids: string[]) => {
    const response = await fetch(`${t.url.replace(/\/graphql$/, "")}/hooks/crm`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-gateway-secret": SECRET },
      body: JSON.stringify({ module: "Accounts", ids, operation: "delete" }),
    });
    return { status: response.status, body: (await response.json()) as { held?: boolean } };
  };
  /** The held-deletion mail is sent after the reply; give it time to arrive (or not). */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

  it("shows RUNNING with no reason while the org syncs", async () => {
    expect(await status()).toMatchObject({ financeSuiteIntegrated: false, installState: "INTEGRATED", syncStatus: { state: "RUNNING", reason: null } });
  });

  it("shows FINANCE_SUITE with its own reason, not a generic one, once the CRM is integrated with a finance suite", async () => {
    await query(t.url, SetFinanceSuiteIntegrationDocument, { integrated: true }, t.admin.token);
    const org = await status();
    expect(org).toMatchObject({ financeSuiteIntegrated: true, installState: "INTEGRATED", syncStatus: { state: "FINANCE_SUITE" } });
    expect(org.syncStatus.reason).toMatch(/finance suite/i);
    expect(org.syncStatus.reason).toMatch(/clear the finance-suite integration/i);
    // The admins are told once, when sync goes off.
    expect(await subjects()).toEqual([SYNC_DISABLED_SUBJECT]);
  });

  it("keeps a record's change with the finance-suite reason", async () => {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Kept For Later" } }, t.standard.token);
    expect(createAccount.sync).toMatchObject({ status: "PENDING", reason: "DIRECT_SYNC_DISABLED" });
    expect(createAccount.sync?.message).toMatch(/finance suite/i);
  });

  it("sends no sync mail in that mode: a held mass deletion is not mailed", async () => {
    const reply = await announceCrmDeletions(accountIds.slice(0, 10));
    expect(reply).toMatchObject({ status: 202, body: { held: true } });
    await settle();
    expect(await subjects()).toEqual([SYNC_DISABLED_SUBJECT]);
  });

  it("mails the sync again once the finance-suite integration is cleared", async () => {
    await query(t.url, SetFinanceSuiteIntegrationDocument, { integrated: false }, t.admin.token);
    expect((await status()).syncStatus).toEqual({ state: "RUNNING", reason: null });
    const reply = await announceCrmDeletions(accountIds.slice(10));
    expect(reply).toMatchObject({ status: 202, body: { held: true } });
    await settle();
    const mailed = await subjects();
    expect(mailed.filter((s) => HELD_SUBJECT.test(s))).toHaveLength(1);
    expect(mailed.filter((s) => s === SYNC_DISABLED_SUBJECT)).toHaveLength(1);
  });
});
