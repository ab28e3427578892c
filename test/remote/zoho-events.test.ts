import net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/common/clock";
import { CRM_NOTIFICATIONS_PATH } from "../../src/remote/events/crm-channel-keeper";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import {
  ChangeFeedAccountDocument,
  ChangeFeedCompanyDocument,
  ChangeFeedCreateAccountDocument,
  ChangeFeedUpdateSyncSettingsDocument,
} from "../generated/graphql";
import { startTestEmulator, zohoTestConfig, type TestEmulator } from "./zoho-test-emulator";

const HOUR = 3_600_000;
const CHANNEL_TOKEN = "crm-channel-token-0123456789";
const WEBHOOK_KEY = "fsm-webhook-key-9876543210";
const OUTSIDE = { userId: "outside" };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("vendor change events: CRM notification channel and FSM workflow webhooks", () => {
  const clock = new ManualClock();
  let emulator: TestEmulator;
  let t: TestGateway;
  let base: string;
  /** CRM credits spent before the clock last jumped past a day: out of the rolling window since. */
  let creditsBeforeLastDay = 0;

  const keeper = () => t.services.crmChannels!;
  const outboxSize = () => t.services.db.manager.count(OutboxEntry);
  const newLinkedAccount = async (name: string) => {
    const { createAccount } = await query(t.url, ChangeFeedCreateAccountDocument, { input: { accountName: name, phone: "+1 555 0100" } }, t.standard.token);
    const accountId = createAccount.record!.id;
    // The mutation's own sync, or the worker when it took the entry first (the sync then reports PENDING).
    const companyId =
      createAccount.sync.fsmId ??
      (await until("the Company to be created", async () => {
        const { account } = await query(t.url, ChangeFeedAccountDocument, { id: accountId }, t.standard.token);
        return account.fsmCompany?.id;
      }));
    return { accountId, companyId };
  };
  const webhook = (body: string | object, headers: Record<string, string>, search = "") =>
    fetch(`${base}/hooks/zoho/fsm/webhook${search}`, {
      method: "POST",
      headers: { "content-type": typeof body === "string" ? "application/x-www-form-urlencoded" : "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { accepted?: number; error?: { code: string; field?: string } } }));

  beforeAll(async () => {
    emulator = await startTestEmulator({ clock });
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    t = await startTestGateway(
      {
        port,
        syncPollIntervalMs: 1000,
        ...zohoTestConfig(emulator.url, { publicUrl, crmNotificationToken: CHANNEL_TOKEN, fsmWebhookKey: WEBHOOK_KEY }),
      },
      { clock, connectors: "embedded" },
    );
    base = publicUrl;
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
  afterAll(async () => {
    await t?.stop();
    await emulator?.stop();
  });

  it("subscribes the change-feed callback for the synced CRM modules with the channel token", async () => {
    const state = await keeper().check();
    expect(["subscribed", "unchanged"]).toContain(state.action); // start-up may have subscribed already
    const channels = emulator.notifications.channels();
    expect(channels).toHaveLength(1);
    expect(channels[0]).toMatchObject({
      channelId: keeper().settings.channelId,
      token: CHANNEL_TOKEN,
      notifyUrl: `${base}${CRM_NOTIFICATIONS_PATH}`,
      events: ["Accounts.all", "Contacts.all", "Products.all"],
      notifyOnRelatedAction: false,
    });
    expect(channels[0].expiresAt - clock.now().getTime()).toBeGreaterThan(23 * HOUR);
    expect(emulator.notifications.calls.POST).toBe(1);
    expect((await keeper().check()).action).toBe("unchanged");
  });

  it("renews the channel before it expires and subscribes again when it has gone", async () => {
    const first = emulator.notifications.channels()[0].expiresAt;
    clock.advance(22 * HOUR);
    expect((await keeper().check()).action).toBe("unchanged"); // two hours left: not yet
    clock.advance(90 * 60_000); // 30 minutes left, inside the renewal hour
    const renewed = await keeper().check();
    expect(renewed.action).toBe("renewed");
    expect(emulator.notifications.calls.PUT).toBe(1);
    const now = clock.now().getTime();
    expect(emulator.notifications.channels()[0].expiresAt).toBeGreaterThan(first);
    expect(emulator.notifications.channels()[0].expiresAt - now).toBeGreaterThan(23 * HOUR);

    emulator.notifications.drop(keeper().settings.channelId);
    expect((await keeper().check()).action).toBe("subscribed");
    creditsBeforeLastDay = emulator.crmLimits.creditsUsed;
    clock.advance(25 * HOUR); // nobody looked for a day: the CRM let the channel lapse
    expect(emulator.notifications.channels()).toHaveLength(0);
    expect((await keeper().check()).action).toBe("subscribed");
    expect(emulator.notifications.channels()).toHaveLength(1);
  });

  it("refuses a callback with a wrong channel token and queues nothing", async () => {
    const { accountId } = await newLinkedAccount("Wrong Token Ltd");
    const before = await outboxSize();
    expect(await emulator.notifications.fire("Accounts", [accountId], "update", { token: "not-the-channel-token" })).toEqual([401]);
    const noToken = await fetch(`${base}${CRM_NOTIFICATIONS_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ module: "Accounts", ids: [accountId], operation: "update" }),
    });
    expect(noToken.status).toBe(401);
    expect(await outboxSize()).toBe(before);
  });

  it("feeds a CRM notification with the right token into the sync: the FSM Company gets the edit", async () => {
    const { accountId, companyId } = await newLinkedAccount("Notified Edits Ltd");
    await t.services.crm.update("Accounts", accountId, { phone: "+1 555 8801" }, OUTSIDE);
    expect(await emulator.notifications.fire("Accounts", [accountId], "update", { affectedFields: ["Phone"] })).toEqual([202]);
    await until("the Company to get the new phone", async () => {
      const { account } = await query(t.url, ChangeFeedAccountDocument, { id: accountId }, t.standard.token);
      return account.fsmCompany?.phone === "+1 555 8801";
    });
    expect((await t.services.fsm.getMany("Companies", [companyId]))[0].phone).toBe("+1 555 8801");
  });

  it("checks the FSM webhook key (header or query) and feeds the webhook into the sync: the CRM Account gets the edit", async () => {
    const { accountId, companyId } = await newLinkedAccount("Webhook Edits Ltd");
    const before = await outboxSize();
    const body = { module: "Companies", ids: [companyId], operation: "update" };
    expect((await webhook(body, {})).status).toBe(401);
    expect((await webhook(body, { "x-fsm-webhook-key": "wrong" })).status).toBe(401);
    expect((await webhook(body, {}, "?key=wrong")).status).toBe(401);
    expect(await outboxSize()).toBe(before);

    await t.services.fsm.update("Companies", companyId, { phone: "+44 20 7946 0999" }, OUTSIDE);
    expect(await webhook(body, { "x-fsm-webhook-key": WEBHOOK_KEY })).toMatchObject({ status: 202, body: { accepted: 1 } });
    await until("the Account to get the new phone", async () => {
      const { company } = await query(t.url, ChangeFeedCompanyDocument, { id: companyId }, t.standard.token);
      return company.crmAccount?.phone === "+44 20 7946 0999";
    });

    // A form-encoded payload with a comma-separated id list and the key in the query, as a workflow webhook may send it.
    const form = await webhook(`module=Companies&operation=update&ids=${companyId},${companyId}`, {}, `?key=${WEBHOOK_KEY}`);
    expect(form).toMatchObject({ status: 202, body: { accepted: 1 } });
    expect((await webhook({ module: "Work_Orders", ids: ["1"], operation: "update" }, { "x-fsm-webhook-key": WEBHOOK_KEY })).body.error).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "module",
    });
    expect((await t.services.crm.getMany("Accounts", [accountId]))[0].phone).toBe("+44 20 7946 0999");
  });

  it("reports the vendor API's requests and rolling 24-hour credits on /metrics", async () => {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const used = Number(/^gateway_vendor_api_credits_used\{system="crm"\} (\d+)$/m.exec(metrics)?.[1]);
    // Each channel check (GET) and subscription (POST/PUT) costs a credit; those older than a day left the window.
    expect(creditsBeforeLastDay).toBeGreaterThan(0);
    expect(used).toBe(emulator.crmLimits.creditsUsed - creditsBeforeLastDay);
    expect(used).toBeGreaterThanOrEqual(2);
    expect(metrics).toMatch(new RegExp(`^gateway_vendor_api_credits_remaining\\{system="crm"\\} ${50_000 - used}$`, "m"));
    expect(metrics).toMatch(/^gateway_vendor_api_requests_total\{system="crm",status="200"\} \d+$/m);
    expect(metrics).toMatch(/^gateway_vendor_token_requests_total\{systems="crm",outcome="issued"\} [1-9]\d*$/m);
  });
});
