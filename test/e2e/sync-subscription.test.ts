import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { print } from "graphql";
import { WebSocket } from "ws";
import { createClient, type Client } from "graphql-ws";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import {
  CreateAccountDocument,
  UpdateAccountDocument,
  UpdateCompanyDocument,
  SyncEventsDocument,
  type SyncEventsSubscription,
  type SyncEventsSubscriptionVariables,
} from "../generated/graphql";
import type { SyncEvent } from "../../src/sync/history/sync-event.entity";
import { SyncPair } from "../../src/sync/sync-pair";
import { SYNC_EVENTS } from "../../src/sync/sync-events";
import { probeEvent } from "../support/probe-event";

type Event = SyncEventsSubscription["syncEvents"];
const WAIT_MS = 5_000;
const PROBE = "PROBE";

/** Rejects when `promise` has not settled within `ms`, so no wait in this file can hang or pass by default. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function connect(url: string, token?: string): Client {
  return createClient({
    url: url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
}

/** One open subscription: everything it delivered, how it ended, and a bounded wait for a matching event. */
function subscribeToSyncEvents(client: Client, variables: SyncEventsSubscriptionVariables) {
  const events: Event[] = [];
  const waiters: { match: (event: Event) => boolean; resolve: (event: Event) => void }[] = [];
  let settle!: (ending: { error?: unknown }) => void;
  const ended = new Promise<{ error?: unknown }>((resolve) => (settle = resolve));
  const unsubscribe = client.subscribe<SyncEventsSubscription, SyncEventsSubscriptionVariables>(
    { query: print(SyncEventsDocument), variables },
    {
      next: ({ data, errors }) => {
        if (errors?.length || !data) return settle({ error: errors });
        events.push(data.syncEvents);
        waiters.filter((w) => w.match(data.syncEvents)).forEach((w) => w.resolve(data.syncEvents));
      },
      error: (error) => settle({ error }),
      complete: () => settle({}),
    },
  );
  const next = (match: (event: Event) => boolean, what: string) =>
    within(
      new Promise<Event>((resolve) => {
        const seen = events.find(match);
        if (seen) resolve(seen);
        else waiters.push({ match, resolve });
      }),
      WAIT_MS,
      what,
    );
  return { events: () => events.filter((event) => event.reason !== PROBE), ended, next, unsubscribe };
}

/**
 * graphql-ws does not acknowledge a subscribe, so publish marker events matching the filter until one comes
 * back: from then on the subscription is listening, and a missed event is a failure rather than a race.
 */
async function untilListening(t: TestGateway, subscription: ReturnType<typeof subscribeToSyncEvents>, match: Partial<SyncEvent>) {
  const probe = probeEvent(match);
  const timer = setInterval(() => t.services.syncEvents.publish(SYNC_EVENTS, probe), 20);
  try {
    await subscription.next((event) => event.id === probe.id, "the subscription to start listening");
  } finally {
    clearInterval(timer);
  }
}

describe("live sync status over a graphql-ws subscription", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t?.stop());

  const createAccount = async (accountName: string) => {
    const { createAccount: created } = await query(t.url, CreateAccountDocument, { input: { accountName } }, t.admin.token);
    expect(created.sync.status).toBe("SYNCED");
    return { crmId: created.record!.id, fsmId: created.sync.fsmId! };
  };

  it("streams the syncs of the subscribed record, by its CRM or FSM id, and nothing of other records", async () => {
    const watched = await createAccount("Watched Works");
    const other = await createAccount("Other Outfit");
    const client = connect(t.url, t.admin.token);
    try {
      const byCrmId = subscribeToSyncEvents(client, { recordId: watched.crmId });
      const byFsmId = subscribeToSyncEvents(client, { recordId: watched.fsmId, pair: "ACCOUNTS_COMPANIES" });
      const otherPair = subscribeToSyncEvents(client, { recordId: watched.crmId, pair: "PRODUCTS_SERVICES_AND_PARTS" });
      await untilListening(t, byCrmId, { crmId: watched.crmId });
      await untilListening(t, byFsmId, { fsmId: watched.fsmId });
      await untilListening(t, otherPair, { crmId: watched.crmId, pair: SyncPair.PRODUCTS_SERVICES_AND_PARTS });

      // The other record syncs first: one gateway, one pubsub, one socket, so its event would arrive first.
      const otherSync = (await query(t.url, UpdateAccountDocument, { id: other.crmId, input: { phone: "+1 555 0100" } }, t.admin.token)).updateAccount.sync;
      expect(otherSync.status).toBe("SYNCED");
      const crmSide = (await query(t.url, UpdateAccountDocument, { id: watched.crmId, input: { phone: "+1 555 0199" } }, t.admin.token)).updateAccount.sync;
      const fsmSide = (await query(t.url, UpdateCompanyDocument, { id: watched.fsmId, input: { phone: "+1 555 0188" } }, t.admin.token)).updateCompany.sync;

      const toFsm = await byCrmId.next((event) => event.entryId === crmSide.entryId, "the CRM edit's sync event");
      expect(toFsm).toMatchObject({ status: "SYNCED", flow: "CRM_TO_FSM", pair: "ACCOUNTS_COMPANIES", crmId: watched.crmId, fsmId: watched.fsmId });
      const toCrm = await byFsmId.next((event) => event.entryId === fsmSide.entryId, "the FSM edit's sync event");
      expect(toCrm).toMatchObject({ status: "SYNCED", flow: "FSM_TO_CRM", crmId: watched.crmId, fsmId: watched.fsmId });
      await byCrmId.next((event) => event.entryId === fsmSide.entryId, "the FSM edit's event on the CRM id's subscription");

      const ids = (events: Event[]) => events.map((event) => event.entryId);
      expect(ids(byCrmId.events())).toEqual([crmSide.entryId, fsmSide.entryId]);
      expect(ids(byFsmId.events())).toEqual([crmSide.entryId, fsmSide.entryId]);
      expect(otherPair.events()).toEqual([]);
      expect([...byCrmId.events(), ...byFsmId.events()].some((event) => event.crmId === other.crmId || event.entryId === otherSync.entryId)).toBe(false);
    } finally {
      await client.dispose();
    }
  });

  it("refuses a connection without a token or with an unknown one (4401)", async () => {
    for (const token of [undefined, "not-a-token"]) {
      const client = connect(t.url, token);
      try {
        const subscription = subscribeToSyncEvents(client, {});
        const { error } = await within(subscription.ended, WAIT_MS, "the refused connection to close");
        expect(error).toMatchObject({ code: 4401 });
        expect(subscription.events()).toEqual([]);
      } finally {
        await client.dispose();
      }
    }
  });

  it("reports a bad argument as BAD_USER_INPUT and keeps the connection", async () => {
    const client = connect(t.url, t.admin.token);
    try {
      const bad = subscribeToSyncEvents(client, { pair: "NOT_A_PAIR" as SyncPair });
      const { error } = await within(bad.ended, WAIT_MS, "the bad subscription's error");
      expect(error).toEqual([expect.objectContaining({ extensions: { code: "BAD_USER_INPUT" } })]);
      const good = subscribeToSyncEvents(client, { pair: "ACCOUNTS_COMPANIES" });
      await untilListening(t, good, {});
    } finally {
      await client.dispose();
    }
  });

  it("refuses the subscription over plain HTTP with a pointer to WebSocket", async () => {
    const response = await execute(t.url, SyncEventsDocument, {}, t.admin.token);
    expect(response.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining("WebSocket"), extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }),
    ]);
  });

  it("stops the gateway promptly while a subscription is open, ending it on the client", async () => {
    const gateway = await startTestGateway({ syncWorker: false });
    const client = connect(gateway.url, gateway.admin.token);
    try {
      const subscription = subscribeToSyncEvents(client, {});
      await untilListening(gateway, subscription, {});
      await within(gateway.stop(), WAIT_MS, "gateway.stop() with an open subscription");
      const { error } = await within(subscription.ended, WAIT_MS, "the subscription to end");
      expect(error).toMatchObject({ code: 1001 });
    } finally {
      await client.dispose();
    }
  });
});
