import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { In } from "typeorm";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import {
  MassDeleteConfirmDocument,
  MassDeleteCreateAccountDocument,
  MassDeleteDiscardDocument,
  MassDeleteHeldDeletionsDocument,
  MassDeleteSettingsChangesDocument,
  MassDeleteUpdateSyncSettingsDocument,
} from "../generated/graphql";
import { loadConfig } from "../../src/config/config";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";
import { SyncLink } from "../../src/links/sync-link.entity";

const SECRET = "mass-delete-secret";

interface HookReply {
  status: number;
  body: { accepted?: number; entryIds?: number[]; held?: boolean; heldDeletionId?: string; error?: { code: string } };
}

interface Linked {
  accountId: string;
  companyId: string;
}

/** Polls until `check` returns a value that is not undefined/false, or fails after `timeoutMs`. */
async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A gateway with change feeds on, and helpers over HTTP. */
function harness() {
  const h = {
    t: undefined as unknown as TestGateway,
    async start(overrides: Parameters<typeof startTestGateway>[0] = {}) {
      h.t = await startTestGateway({ hookSecret: SECRET, syncPollIntervalMs: 100, ...overrides });
    },
    async hook(side: "crm" | "fsm", module: string, ids: string[], operation = "delete"): Promise<HookReply> {
      const response = await fetch(`${h.t.url.replace(/\/graphql$/, "")}/hooks/${side}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-gateway-secret": SECRET },
        body: JSON.stringify({ module, ids, operation }),
      });
      return { status: response.status, body: (await response.json()) as HookReply["body"] };
    },
    async setDeletion(onCrmDelete: "DELETE" | "SUSPEND", onFsmDelete: "DELETE" | "SUSPEND") {
      await query(
        h.t.url,
        MassDeleteUpdateSyncSettingsDocument,
        {
          pair: "ACCOUNTS_COMPANIES",
          input: { enabled: true, direction: "TWO_WAY", onCrmDelete, onFsmDelete },
        },
        h.t.admin.token,
      );
    },
    async linkedAccounts(prefix: string, count: number): Promise<Linked[]> {
      const made: Linked[] = [];
      for (let i = 1; i <= count; i += 1) {
        const { createAccount } = await query(h.t.url, MassDeleteCreateAccountDocument, { input: { accountName: `${prefix} ${i}` } }, h.t.standard.token);
        const accountId = createAccount.record!.id;
        // The mutation syncs at once, unless the background worker took the entry first (then it soon will).
        const link = await until(`the link of ${accountId}`, () =>
          h.t.services.db.manager.findOneBy(SyncLink, { crmModule: "Accounts", crmId: accountId }).then((l) => l ?? undefined),
        );
        made.push({ accountId, companyId: link.fsmId });
      }
      return made;
    },
    entries: (ids: number[]) => h.t.services.db.manager.find(OutboxEntry, { where: { id: In(ids) }, order: { id: "ASC" } }),
    /** Waits until the worker has taken every entry (none PENDING any more). */
    processed: (ids: number[]) =>
      until(`entries ${ids.join(",")} to be processed`, async () => {
        const entries = await h.entries(ids);
        return entries.every((e) => e.state !== "PENDING") ? entries : undefined;
      }),
    existing: async (module: "Companies" | "Accounts", ids: string[]) =>
      (await (module === "Companies" ? h.t.services.fsm.getMany("Companies", ids) : h.t.services.crm.getMany("Accounts", ids))).length,
    deleteInCrm: async (records: Linked[]) => {
      for (const r of records) expect(await h.t.services.crm.delete("Accounts", r.accountId)).toBe(true);
    },
    deleteInFsm: async (records: Linked[]) => {
      for (const r of records) expect(await h.t.services.fsm.delete("Companies", r.companyId)).toBe(true);
    },
    held: (state?: "HELD" | "CONFIRMED" | "DISCARDED") =>
      query(h.t.url, MassDeleteHeldDeletionsDocument, { state }, h.t.admin.token).then((r) => r.heldDeletions),
  };
  return h;
}

describe("mass-delete guard: deletions past the threshold are held for an admin (defaults: 20 %, at least 10, 10 minutes)", () => {
  const h = harness();
  let accounts: Linked[];
  let firstHeld: string;
  let firstHeldEntries: number[];

  beforeAll(async () => {
    await h.start();
    await h.setDeletion("DELETE", "SUSPEND");
    accounts = await h.linkedAccounts("Guarded Account", 20);
  });
  afterAll(() => h.t?.stop());

  it("lets a small deletion through: 3 of 20 linked Accounts delete their Companies", async () => {
    const few = accounts.slice(0, 3);
    await h.deleteInCrm(few);
    const reply = await h.hook(
      "crm",
      "Accounts",
      few.map((r) => r.accountId),
    );
    expect(reply).toMatchObject({ status: 202, body: { accepted: 3, held: false } });
    expect(reply.body.heldDeletionId).toBeUndefined();
    expect((await h.processed(reply.body.entryIds!)).map((e) => e.state)).toEqual(["DONE", "DONE", "DONE"]);
    expect(
      await h.existing(
        "Companies",
        few.map((r) => r.companyId),
      ),
    ).toBe(0);
    expect(await h.held()).toEqual([]);
  });

  it("holds a feed deleting 12 more: nothing is deleted on the FSM side, even after the worker drains", async () => {
    const many = accounts.slice(3, 15);
    await h.deleteInCrm(many);
    const reply = await h.hook(
      "crm",
      "Accounts",
      many.map((r) => r.accountId),
    );
    expect(reply).toMatchObject({ status: 202, body: { accepted: 12, held: true } });
    firstHeld = reply.body.heldDeletionId!;
    firstHeldEntries = reply.body.entryIds!;
    expect(firstHeld).toMatch(/^[0-9a-f-]{36}$/);

    const entries = await h.entries(reply.body.entryIds!);
    expect(entries.map((e) => e.state)).toEqual(Array(12).fill("HELD"));
    await pause(400); // several worker polls
    expect(await h.t.services.engine.drain()).toBe(0); // nothing claimable
    expect((await h.entries(reply.body.entryIds!)).every((e) => e.state === "HELD")).toBe(true);
    expect(
      await h.existing(
        "Companies",
        many.map((r) => r.companyId),
      ),
    ).toBe(12);

    const [batch] = await h.held("HELD");
    // 3 deleted a moment ago + these 12, of the 20 linked before the window's deletions.
    expect(batch).toMatchObject({
      id: firstHeld,
      side: "CRM",
      module: "Accounts",
      count: 12,
      windowCount: 15,
      linkedCount: 20,
      state: "HELD",
      decidedBy: null,
      decidedTime: null,
    });
    expect([...batch.recordIds].sort()).toEqual(many.map((r) => r.accountId).sort());
  });

  it("refuses the held-deletion queries and mutations to a non-admin with FORBIDDEN", async () => {
    const token = h.t.standard.token;
    const list = await execute(h.t.url, MassDeleteHeldDeletionsDocument, {}, token);
    const confirm = await execute(h.t.url, MassDeleteConfirmDocument, { id: firstHeld }, token);
    const discard = await execute(h.t.url, MassDeleteDiscardDocument, { id: firstHeld }, token);
    for (const [response, path] of [
      [list, "heldDeletions"],
      [confirm, "confirmHeldDeletions"],
      [discard, "discardHeldDeletions"],
    ] as const) {
      expect(response.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, path: [path] });
    }
    expect((await h.held("HELD")).map((b) => b.id)).toEqual([firstHeld]);
  });

  it("confirming lets the 12 deletions through: their Companies are deleted, and the decision is audited", async () => {
    const many = accounts.slice(3, 15);
    const { confirmHeldDeletions } = await query(h.t.url, MassDeleteConfirmDocument, { id: firstHeld }, h.t.admin.token);
    expect(confirmHeldDeletions).toMatchObject({ id: firstHeld, state: "CONFIRMED", decidedBy: h.t.admin.user.id });
    expect(confirmHeldDeletions.decidedTime).not.toBeNull();

    await until(
      "the 12 Companies to be deleted",
      async () =>
        (await h.existing(
          "Companies",
          many.map((r) => r.companyId),
        )) === 0,
    );
    expect((await h.processed(firstHeldEntries)).map((e) => e.state)).toEqual(Array(12).fill("DONE"));
    expect(
      await h.existing(
        "Companies",
        accounts.slice(15).map((r) => r.companyId),
      ),
    ).toBe(5); // the rest untouched

    // Decided once: a second decision is a conflict.
    const again = await execute(h.t.url, MassDeleteConfirmDocument, { id: firstHeld }, h.t.admin.token);
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT" } });
    const late = await execute(h.t.url, MassDeleteDiscardDocument, { id: firstHeld }, h.t.admin.token);
    expect(late.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT" } });
    const unknown = await execute(h.t.url, MassDeleteConfirmDocument, { id: "no-such-batch" }, h.t.admin.token);
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });

    expect((await h.held("CONFIRMED")).map((b) => b.id)).toEqual([firstHeld]);
    expect(await h.held("HELD")).toEqual([]);
    const { settingsChanges } = await query(h.t.url, MassDeleteSettingsChangesDocument, { first: 5 }, h.t.admin.token);
    expect(settingsChanges[0]).toMatchObject({
      subject: "heldDeletions:CRM:Accounts",
      before: { id: firstHeld, state: "HELD", count: 12 },
      after: { id: firstHeld, state: "CONFIRMED", count: 12 },
      userId: h.t.admin.user.id,
    });
  });

  it("discarding another held batch deletes nothing, and its entries are never applied", async () => {
    // 5 linked remain; 15 more make 20. The confirmation restarted the window: only what follows counts.
    const more = await h.linkedAccounts("Second Wave", 15);
    const doomed = more.slice(0, 10);
    await h.deleteInCrm(doomed);
    const reply = await h.hook(
      "crm",
      "Accounts",
      doomed.map((r) => r.accountId),
    );
    expect(reply).toMatchObject({ status: 202, body: { accepted: 10, held: true } });
    const id = reply.body.heldDeletionId!;
    expect((await h.held("HELD"))[0]).toMatchObject({ id, count: 10, windowCount: 10, linkedCount: 20 });

    const { discardHeldDeletions } = await query(h.t.url, MassDeleteDiscardDocument, { id }, h.t.admin.token);
    expect(discardHeldDeletions).toMatchObject({ id, state: "DISCARDED", decidedBy: h.t.admin.user.id });
    const entries = await h.entries(reply.body.entryIds!);
    expect(entries.map((e) => e.state)).toEqual(Array(10).fill("DROPPED"));
    expect(entries.every((e) => e.processedTime !== null)).toBe(true);

    await pause(400);
    expect(await h.t.services.engine.drain()).toBe(0);
    expect((await h.entries(reply.body.entryIds!)).every((e) => e.state === "DROPPED")).toBe(true);
    expect(
      await h.existing(
        "Companies",
        doomed.map((r) => r.companyId),
      ),
    ).toBe(10);
    expect(await h.t.services.db.manager.countBy(SyncLink, { crmId: In(doomed.map((r) => r.accountId)) })).toBe(10);
    const again = await execute(h.t.url, MassDeleteConfirmDocument, { id }, h.t.admin.token);
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT" } });

    expect((await h.held("DISCARDED")).map((b) => b.id)).toEqual([id]);
    expect((await h.held()).map((b) => b.state)).toEqual(["DISCARDED", "CONFIRMED"]);
    const { settingsChanges } = await query(h.t.url, MassDeleteSettingsChangesDocument, { first: 1 }, h.t.admin.token);
    expect(settingsChanges[0]).toMatchObject({ subject: "heldDeletions:CRM:Accounts", before: { id, state: "HELD" }, after: { id, state: "DISCARDED" } });
  });

  it("holds nothing when the preference keeps the counterparts (SUSPEND): links are suspended, no record deleted", async () => {
    await h.setDeletion("SUSPEND", "SUSPEND");
    const rest = accounts.slice(15); // the last 5 originals, of 20 linked
    await h.deleteInCrm(rest);
    const ids = rest.map((r) => r.accountId);
    const reply = await h.hook("crm", "Accounts", ids);
    expect(reply).toMatchObject({ status: 202, body: { accepted: 5, held: false } });
    await h.processed(reply.body.entryIds!);
    expect(
      await h.existing(
        "Companies",
        rest.map((r) => r.companyId),
      ),
    ).toBe(5);
    const links = await h.t.services.db.manager.findBy(SyncLink, { crmId: In(ids) });
    expect(links.map((l) => l.status)).toEqual(Array(5).fill("SUSPENDED"));
    expect(await h.held("HELD")).toEqual([]);
  });
});

describe("mass-delete guard: configurable thresholds and the sliding window", () => {
  it("reads MASS_DELETE_PERCENT, MASS_DELETE_MIN_COUNT and MASS_DELETE_WINDOW_MINUTES, with defaults, and refuses nonsense", () => {
    expect(loadConfig({})).toMatchObject({ massDeletePercent: 20, massDeleteMinCount: 10, massDeleteWindowMs: 600_000 });
    expect(loadConfig({ MASS_DELETE_PERCENT: "35", MASS_DELETE_MIN_COUNT: "4", MASS_DELETE_WINDOW_MINUTES: "2.5" })).toMatchObject({
      massDeletePercent: 35,
      massDeleteMinCount: 4,
      massDeleteWindowMs: 150_000,
    });
    expect(() => loadConfig({ MASS_DELETE_PERCENT: "120" })).toThrow(/MASS_DELETE_PERCENT/);
    expect(() => loadConfig({ MASS_DELETE_MIN_COUNT: "2.5" })).toThrow(/MASS_DELETE_MIN_COUNT/);
    expect(() => loadConfig({ MASS_DELETE_WINDOW_MINUTES: "soon" })).toThrow(/MASS_DELETE_WINDOW_MINUTES/);
  });

  describe("50 %, at least 3, over an hour: FSM deletions add up within the window", () => {
    const h = harness();
    let records: Linked[];

    beforeAll(async () => {
      await h.start({ massDeletePercent: 50, massDeleteMinCount: 3, massDeleteWindowMs: 60 * 60_000 });
      await h.setDeletion("SUSPEND", "DELETE");
      records = await h.linkedAccounts("Window Co", 8);
    });
    afterAll(() => h.t?.stop());

    it("passes 2 and then 2 more of 8 (at most half), then holds a single further deletion", async () => {
      for (const part of [records.slice(0, 2), records.slice(2, 4)]) {
        await h.deleteInFsm(part);
        const reply = await h.hook(
          "fsm",
          "Companies",
          part.map((r) => r.companyId),
        );
        expect(reply).toMatchObject({ status: 202, body: { held: false } });
        await h.processed(reply.body.entryIds!);
        expect(
          await h.existing(
            "Accounts",
            part.map((r) => r.accountId),
          ),
        ).toBe(0);
      }
      const last = records.slice(4, 5);
      await h.deleteInFsm(last);
      const reply = await h.hook(
        "fsm",
        "Companies",
        last.map((r) => r.companyId),
      );
      expect(reply).toMatchObject({ status: 202, body: { accepted: 1, held: true } });
      expect((await h.held("HELD"))[0]).toMatchObject({ side: "FSM", module: "Companies", count: 1, windowCount: 5, linkedCount: 8 });
      await pause(300);
      expect(await h.existing("Accounts", [last[0].accountId])).toBe(1);

      // Only deletions are ever held.
      const update = await h.hook("fsm", "Companies", [records[5].companyId], "update");
      expect(update.body.held).toBe(false);
    });
  });

  describe("a zero window: each announcement is judged alone", () => {
    const h = harness();
    let records: Linked[];

    beforeAll(async () => {
      await h.start({ massDeletePercent: 50, massDeleteMinCount: 3, massDeleteWindowMs: 0 });
      await h.setDeletion("DELETE", "DELETE");
      records = await h.linkedAccounts("Alone Co", 8);
    });
    afterAll(() => h.t?.stop());

    it("passes 2, 2 and 1 of 8, and holds 3 of the remaining 3", async () => {
      for (const part of [records.slice(0, 2), records.slice(2, 4), records.slice(4, 5)]) {
        await h.deleteInCrm(part);
        const reply = await h.hook(
          "crm",
          "Accounts",
          part.map((r) => r.accountId),
        );
        expect(reply).toMatchObject({ status: 202, body: { held: false } });
        await h.processed(reply.body.entryIds!);
      }
      expect(
        await h.existing(
          "Companies",
          records.slice(0, 5).map((r) => r.companyId),
        ),
      ).toBe(0);
      const rest = records.slice(5);
      await h.deleteInCrm(rest);
      const reply = await h.hook(
        "crm",
        "Accounts",
        rest.map((r) => r.accountId),
      );
      expect(reply).toMatchObject({ status: 202, body: { accepted: 3, held: true } });
      expect((await h.held("HELD"))[0]).toMatchObject({ count: 3, windowCount: 3, linkedCount: 3 });
      await pause(300);
      expect(
        await h.existing(
          "Companies",
          rest.map((r) => r.companyId),
        ),
      ).toBe(3);
    });
  });
});
