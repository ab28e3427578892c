import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import {
  ChangeFeedAccountDocument,
  ChangeFeedCompanyDocument,
  ChangeFeedCreateAccountDocument,
  ChangeFeedCreateServiceAndPartDocument,
  ChangeFeedServiceAndPartDocument,
  ChangeFeedUpdateSyncSettingsDocument,
} from "../generated/graphql";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";

const SECRET = "s3cret-change-feed";
const OUTSIDE = { userId: "outside" };

interface HookReply {
  status: number;
  body: { accepted?: number; entryIds?: number[]; error?: { code: string; field?: string; message: string } };
}

/** Polls until `check` returns a value that is not undefined/false, or fails after `timeoutMs`. */
async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("change feeds: edits made outside the gateway, announced over HTTP", () => {
  let t: TestGateway;
  let base: string;
  const token = () => t.standard.token;

  const hook = async (side: string, body: unknown, headers: Record<string, string> = { "x-gateway-secret": SECRET }): Promise<HookReply> => {
    const response = await fetch(`${base}/hooks/${side}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    expect(response.headers.get("content-type")).toContain("application/json");
    return { status: response.status, body: (await response.json()) as HookReply["body"] };
  };
  const outboxSize = () => t.services.db.manager.count(OutboxEntry);
  /** Waits until the worker has taken every entry of an announcement. */
  const processed = (entryIds: number[]) =>
    until(`entries ${entryIds.join(",")} to be processed`, async () => {
      const entries = await Promise.all(entryIds.map((id) => t.services.outbox.findById(id)));
      return entries.every((e) => e && e.state !== "PENDING") ? entries.map((e) => e!) : undefined;
    });
  const newLinkedAccount = async (name: string, phone = "+1 555 0000") => {
    const { createAccount } = await query(t.url, ChangeFeedCreateAccountDocument, { input: { accountName: name, phone } }, token());
    expect(createAccount.sync).toMatchObject({ status: "SYNCED", reason: "COUNTERPART_CREATED" });
    return { accountId: createAccount.record!.id, companyId: createAccount.sync.fsmId! };
  };
  const company = (id: string) => t.services.fsm.getMany("Companies", [id]).then((r) => r[0]);
  const account = (id: string) => t.services.crm.getMany("Accounts", [id]).then((r) => r[0]);

  beforeAll(async () => {
    t = await startTestGateway({ hookSecret: SECRET, syncPollIntervalMs: 200 });
    base = t.url.replace(/\/graphql$/, "");
  });
  beforeEach(async () => {
    await query(
      t.url,
      ChangeFeedUpdateSyncSettingsDocument,
      {
        pair: "ACCOUNTS_COMPANIES",
        input: { enabled: true, direction: "TWO_WAY", onCrmDelete: "SUSPEND", onFsmDelete: "SUSPEND" },
      },
      t.admin.token,
    );
  });
  afterAll(() => t?.stop());

  it("syncs a CRM edit made outside the gateway to the FSM once the CRM announces it", async () => {
    const first = await newLinkedAccount("Outside Edits Ltd");
    const second = await newLinkedAccount("Outside Edits Two");
    const before = await company(first.companyId);
    const entriesBefore = await outboxSize();

    await t.services.crm.update("Accounts", first.accountId, { phone: "+1 555 7001" }, OUTSIDE);
    await t.services.crm.update("Accounts", second.accountId, { phone: "+1 555 7002" }, OUTSIDE);
    expect(await outboxSize()).toBe(entriesBefore); // a store write announces nothing by itself

    const reply = await hook("crm", { module: "Accounts", ids: [first.accountId, second.accountId], operation: "update" });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ accepted: 2, side: "CRM", module: "Accounts", operation: "UPDATE" });
    expect(reply.body.entryIds).toHaveLength(2);
    const entries = await t.services.db.manager.findBy(OutboxEntry, { id: reply.body.entryIds![0] });
    expect(entries[0]).toMatchObject({ side: "CRM", module: "Accounts", recordId: first.accountId, operation: "UPDATE", origin: "HOOK", values: null });

    const synced = await until("the Company to get the new phone", async () => {
      const { account: a } = await query(t.url, ChangeFeedAccountDocument, { id: first.accountId }, token());
      return a.fsmCompany?.phone === "+1 555 7001" ? a : undefined;
    });
    expect(synced.fsmCompany!.version).toBe(before.version + 1);
    expect(synced.syncLink).toMatchObject({ status: "ACTIVE", lastSyncStatus: "SYNCED" });
    await until("the second Company", async () => (await company(second.companyId)).phone === "+1 555 7002");
    expect((await processed(reply.body.entryIds!)).map((e) => e.state)).toEqual(["DONE", "DONE"]);
  });

  it("syncs an FSM edit made outside the gateway to the CRM (upper-case operation)", async () => {
    const { accountId, companyId } = await newLinkedAccount("Field Side Co");
    const before = await account(accountId);
    await t.services.fsm.update("Companies", companyId, { phone: "+44 20 7946 0001" }, OUTSIDE);

    const reply = await hook("fsm", { module: "Companies", ids: [companyId], operation: "UPDATE" });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ accepted: 1, side: "FSM", module: "Companies", operation: "UPDATE" });

    const synced = await until("the Account to get the new phone", async () => {
      const { company: c } = await query(t.url, ChangeFeedCompanyDocument, { id: companyId }, token());
      return c.crmAccount?.phone === "+44 20 7946 0001" ? c : undefined;
    });
    expect(synced.crmAccount!.version).toBe(before.version + 1);
  });

  it("accepts the FSM API's module spelling and a CRM-notification-shaped body with its token", async () => {
    const { createServiceAndPart } = await query(
      t.url,
      ChangeFeedCreateServiceAndPartDocument,
      {
        input: { name: "Annual Service", type: "Service", unitPrice: 90 },
      },
      token(),
    );
    expect(createServiceAndPart.sync.status).toBe("SYNCED");
    const serviceId = createServiceAndPart.record!.id;
    const productId = createServiceAndPart.sync.crmId!;
    await t.services.fsm.update("Services_And_Parts", serviceId, { unitPrice: 95 }, OUTSIDE);
    const viaFsm = await hook("fsm", { module: "Service_And_Parts", ids: [serviceId], operation: "edit" });
    expect(viaFsm).toMatchObject({ status: 202, body: { module: "Services_And_Parts", operation: "UPDATE" } });
    await until("the Product's new price", async () => {
      const { serviceAndPart } = await query(t.url, ChangeFeedServiceAndPartDocument, { id: serviceId }, token());
      return serviceAndPart.crmProduct?.unitPrice === 95;
    });

    // A CRM actions/watch callback cannot set headers: it posts {module, ids, operation, token, …}.
    await t.services.crm.update("Products", productId, { unitPrice: 99 }, OUTSIDE);
    const notification = {
      server_time: Date.now(),
      module: "Products",
      resource_uri: "https://crm.example.com/crm/v8/Products",
      ids: [productId],
      affected_fields: [{ [productId]: ["Unit_Price"] }],
      operation: "update",
      channel_id: 1000000068001,
      token: SECRET,
    };
    const viaCrm = await hook("crm", notification, {});
    expect(viaCrm).toMatchObject({ status: 202, body: { accepted: 1, module: "Products" } });
    await until("the Service's new price", async () => (await t.services.fsm.getMany("Services_And_Parts", [serviceId]))[0].unitPrice === 99);
  });

  it("refuses a missing or wrong secret with 401 and queues nothing", async () => {
    const { accountId, companyId } = await newLinkedAccount("Guarded Inc", "+1 555 1000");
    await t.services.crm.update("Accounts", accountId, { phone: "+1 555 6666" }, OUTSIDE);
    const before = await company(companyId);
    const entriesBefore = await outboxSize();
    const announcement = { module: "Accounts", ids: [accountId], operation: "update" };

    const refusals = [
      await hook("crm", announcement, {}),
      await hook("crm", announcement, { "x-gateway-secret": "wrong" }),
      await hook("crm", announcement, { "x-gateway-secret": `${SECRET}x` }),
      await hook("crm", announcement, { "x-gateway-secret": "" }),
      await hook("fsm", { module: "Companies", ids: [companyId], operation: "update" }, { "x-gateway-secret": SECRET.toUpperCase() }),
      await hook("crm", { ...announcement, token: "wrong" }, {}),
      // A wrong header is not rescued by a right body token.
      await hook("crm", { ...announcement, token: SECRET }, { "x-gateway-secret": "wrong" }),
      // Nor is an unreadable body without the header a 400: the caller is unknown.
      await hook("crm", "{not json", {}),
    ];
    for (const reply of refusals) {
      expect(reply.status).toBe(401);
      expect(reply.body.error).toMatchObject({ code: "UNAUTHENTICATED" });
      expect(reply.body.error!.message).not.toContain(SECRET);
    }

    await new Promise((resolve) => setTimeout(resolve, 500)); // two worker polls
    expect(await outboxSize()).toBe(entriesBefore);
    expect(await company(companyId)).toMatchObject({ phone: "+1 555 1000", version: before.version });
  });

  it("refuses invalid announcements with 400 naming the field, and queues nothing", async () => {
    const { accountId } = await newLinkedAccount("Validation Ltd");
    const entriesBefore = await outboxSize();
    const ok = { module: "Accounts", ids: [accountId], operation: "update" };
    const cases: [string, unknown, string][] = [
      ["crm", { ...ok, module: "Widgets" }, "module"],
      ["crm", { ...ok, module: "Deals" }, "module"], // a CRM module, but not synced
      ["fsm", { ...ok, module: "Accounts" }, "module"], // a CRM module announced on the FSM feed
      ["fsm", { ...ok, module: "Work_Orders" }, "module"],
      ["crm", { ids: [accountId], operation: "update" }, "module"],
      ["crm", { ...ok, ids: [] }, "ids"],
      ["crm", { ...ok, ids: Array.from({ length: 101 }, (_, i) => `id-${i}`) }, "ids"],
      ["crm", { ...ok, ids: accountId }, "ids"],
      ["crm", { ...ok, ids: [accountId, ""] }, "ids"],
      ["crm", { ...ok, ids: [{ id: accountId }] }, "ids"],
      ["crm", { ...ok, ids: ["x".repeat(37)] }, "ids"],
      ["crm", { module: "Accounts", ids: [accountId] }, "operation"],
      ["crm", { ...ok, operation: "merge" }, "operation"],
      ["crm", { ...ok, operation: 3 }, "operation"],
      ["crm", [ok], "body"],
      ["crm", "{not json", "body"],
    ];
    for (const [side, body, field] of cases) {
      const reply = await hook(side, body);
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(reply.body.error).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(reply.body.error!.message).toContain(field);
    }
    expect((await hook("crm", { ...ok, module: "Deals" })).body.error!.message).toMatch(/not synced.*Accounts, Contacts, Products/);
    expect(await outboxSize()).toBe(entriesBefore);

    const tooBig = await hook("crm", { ...ok, padding: "x".repeat(20_000) });
    expect(tooBig.status).toBe(413);
    const get = await fetch(`${base}/hooks/crm`, { headers: { "x-gateway-secret": SECRET } });
    expect(get.status).toBe(405);
    const unknownFeed = await hook("books", ok);
    expect(unknownFeed).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });

  it("writes once when the same announcement arrives twice, and ignores the echo of its own write", async () => {
    const { accountId, companyId } = await newLinkedAccount("Twice Told Ltd");
    const companyBefore = await company(companyId);
    const accountBefore = await account(accountId);
    await t.services.crm.update("Accounts", accountId, { phone: "+1 555 2222" }, OUTSIDE);
    const accountEdited = await account(accountId);

    const announcement = { module: "Accounts", ids: [accountId, accountId], operation: "update" };
    const first = await hook("crm", announcement);
    const second = await hook("crm", announcement);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body.entryIds).toHaveLength(1); // repeated ids in one announcement are queued once
    await processed([...first.body.entryIds!, ...second.body.entryIds!]);
    expect(await company(companyId)).toMatchObject({ phone: "+1 555 2222", version: companyBefore.version + 1 });

    // The FSM announces the sync's own write back (as a real FSM webhook would): nothing returns to the CRM.
    const echo = await hook("fsm", { module: "Companies", ids: [companyId], operation: "update" });
    expect(echo.status).toBe(202);
    await processed(echo.body.entryIds!);
    expect((await account(accountId)).version).toBe(accountEdited.version);
    expect(accountEdited.version).toBe(accountBefore.version + 1);
    expect((await company(companyId)).version).toBe(companyBefore.version + 1);
  });

  it("follows the deletion preference: SUSPEND keeps the counterpart and suspends the link", async () => {
    const { accountId, companyId } = await newLinkedAccount("Suspended Co");
    const accountBefore = await account(accountId);
    expect(await t.services.fsm.delete("Companies", companyId)).toBe(true);

    const reply = await hook("fsm", { module: "Companies", ids: [companyId], operation: "delete" });
    expect(reply).toMatchObject({ status: 202, body: { operation: "DELETE" } });
    await processed(reply.body.entryIds!);
    const { account: a } = await query(t.url, ChangeFeedAccountDocument, { id: accountId }, token());
    expect(a.syncLink).toMatchObject({ status: "SUSPENDED" });
    expect(a.version).toBe(accountBefore.version);
  });

  it("follows the deletion preference: DELETE removes the counterpart", async () => {
    await query(t.url, ChangeFeedUpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { onCrmDelete: "DELETE" } }, t.admin.token);
    const { accountId, companyId } = await newLinkedAccount("Gone Tomorrow Ltd");
    const kept = await newLinkedAccount("Still Here Ltd");
    expect(await t.services.crm.delete("Accounts", accountId)).toBe(true);

    const reply = await hook("crm", { module: "Accounts", ids: [accountId], operation: "DELETE" });
    expect(reply.status).toBe(202);
    await until("the Company to be deleted", async () => (await company(companyId)) === undefined);
    expect((await processed(reply.body.entryIds!))[0].state).toBe("DONE");
    expect(await t.services.links.syncLinksByCrmIds("Accounts", [accountId])).toEqual([]);
    expect(await company(kept.companyId)).toBeDefined();
  });
});

describe("change feeds without a configured secret", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ hookSecret: null });
  });
  afterAll(() => t?.stop());

  it("are switched off with a 404 that says how to turn them on", async () => {
    const response = await fetch(`${t.url.replace(/\/graphql$/, "")}/hooks/crm`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-gateway-secret": "anything" },
      body: JSON.stringify({ module: "Accounts", ids: ["1"], operation: "update" }),
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: "NOT_FOUND" });
    expect(body.error.message).toContain("HOOK_SECRET");
    expect(await t.services.db.manager.count(OutboxEntry)).toBe(0);
  });
});
