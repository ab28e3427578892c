import express, { Router } from "express";
import { systemClock, type Clock } from "../../../src/common/clock";

/**
 * The CRM Notifications API (vendor-api-notes 5.7), mounted below /crm/v8: POST /actions/watch enables
 * channels, GET lists them (204 when none), PUT replaces a channel's details, PATCH changes the fields given,
 * DELETE ?channel_ids= disables. Channels lapse at channel_expiry (default 1 hour, at most 1 week on v4+).
 * `control.fire` posts a callback to every live channel watching the module's event, as the CRM would:
 * { server_time, query_params, module, resource_uri, ids, affected_fields, operation, channel_id, token }.
 */

const HOUR = 3_600_000;
const MODULES = [
  "Leads",
  "Accounts",
  "Contacts",
  "Deals",
  "Products",
  "Sales_Orders",
  "Quotes",
  "Invoices",
  "Purchase_Orders",
  "Vendors",
  "Cases",
  "Solutions",
  "Tasks",
  "Calls",
  "Meetings",
  "Campaigns",
  "Price_Books",
];

export interface Channel {
  channelId: string;
  events: string[];
  notifyUrl: string;
  token: string | null;
  expiresAt: number;
  notifyOnRelatedAction: boolean;
}

export type CrmOperation = "insert" | "update" | "delete";

export interface NotificationsControl {
  /** Live channels (expired ones are dropped as the clock passes them). */
  channels(): Channel[];
  /** Posts a callback for `module`'s records to every channel watching it; resolves with the HTTP statuses. */
  fire(module: string, ids: string[], operation: CrmOperation, options?: { token?: string; affectedFields?: string[] }): Promise<number[]>;
  /** Forgets a channel, as if someone had disabled it. */
  drop(channelId: string): void;
  /** How many enable (POST), replace (PUT) and patch (PATCH) calls came in. */
  readonly calls: { POST: number; PUT: number; PATCH: number; DELETE: number };
}

interface WatchInput {
  channel_id?: unknown;
  events?: unknown;
  notify_url?: unknown;
  token?: unknown;
  channel_expiry?: unknown;
  notify_on_related_action?: unknown;
}

const OPERATION_EVENTS: Record<CrmOperation, string> = { insert: "create", update: "edit", delete: "delete" };

function failure(code: string, message: string, details: Record<string, unknown> = {}) {
  return { code, details, message, status: "error" };
}

export function createNotificationsEmulator(options: { clock?: Clock; maxLifetimeMs?: number } = {}): { router: Router; control: NotificationsControl } {
  const clock = options.clock ?? systemClock;
  const maxLifetimeMs = options.maxLifetimeMs ?? 7 * 24 * HOUR;
  const channels = new Map<string, Channel>();
  const calls = { POST: 0, PUT: 0, PATCH: 0, DELETE: 0 };
  let apiBase = "";

  const live = () => {
    const now = clock.now().getTime();
    for (const [id, channel] of channels) if (channel.expiresAt <= now) channels.delete(id);
    return [...channels.values()];
  };

  /** Validates one watch entry; `partial` for PATCH, where only channel_id is required. */
  const read = (input: WatchInput, partial: boolean, current?: Channel): Channel | ReturnType<typeof failure> => {
    const channelId = input.channel_id === undefined ? undefined : String(input.channel_id);
    if (!channelId || !/^\d+$/.test(channelId))
      return failure("REQUIRED_PARAM_MISSING", "channel_id is mandatory and must be a number", { api_name: "channel_id" });
    const events = input.events ?? current?.events;
    if (!Array.isArray(events) || events.length === 0) return failure("REQUIRED_PARAM_MISSING", "events is mandatory", { api_name: "events" });
    for (const event of events) {
      const [module, action] = String(event).split(".");
      if (!MODULES.includes(module) || !["create", "edit", "delete", "all"].includes(action))
        return failure("INVALID_DATA", `invalid event ${String(event)}`, { api_name: "events" });
    }
    const notifyUrl = input.notify_url ?? current?.notifyUrl;
    if (typeof notifyUrl !== "string" || !/^https?:\/\//.test(notifyUrl))
      return failure("REQUIRED_PARAM_MISSING", "notify_url is mandatory", { api_name: "notify_url" });
    const token = input.token === undefined ? (current?.token ?? null) : String(input.token);
    if (token !== null && token.length > 50) return failure("INVALID_DATA", "token must be at most 50 characters", { api_name: "token", maximum_length: 50 });
    const now = clock.now().getTime();
    const expiry = input.channel_expiry === undefined ? (partial && current ? current.expiresAt : now + HOUR) : Date.parse(String(input.channel_expiry));
    if (!Number.isFinite(expiry) || expiry <= now || expiry > now + maxLifetimeMs)
      return failure("INVALID_DATA", "channel_expiry must be a future time within a week", { api_name: "channel_expiry" });
    return {
      channelId,
      events: events.map(String),
      notifyUrl,
      token,
      expiresAt: expiry,
      notifyOnRelatedAction: input.notify_on_related_action === undefined ? (current?.notifyOnRelatedAction ?? true) : Boolean(input.notify_on_related_action),
    };
  };

  const success = (channel: Channel, message: string) => ({
    code: "SUCCESS",
    details: {
      events: channel.events.map((event) => ({
        channel_expiry: new Date(channel.expiresAt).toISOString().replace(/\.\d{3}Z$/, "+00:00"),
        resource_uri: `${apiBase}/crm/v8/${event.split(".")[0]}`,
        resource_id: String(MODULES.indexOf(event.split(".")[0]) + 1),
        resource_name: event.split(".")[0],
        channel_id: channel.channelId,
      })),
    },
    message,
    status: "success",
  });

  const router = Router();
  router.use("/actions/watch", express.json(), (req, _res, next) => {
    apiBase = `${req.protocol}://${req.get("host")}`;
    next();
  });

  router.get("/actions/watch", (_req, res) => {
    const all = live();
    if (all.length === 0) {
      res.status(204).end();
      return;
    }
    res.json({
      watch: all.map((c) => ({
        channel_id: c.channelId,
        events: c.events,
        notify_url: c.notifyUrl,
        token: c.token,
        notify_on_related_action: c.notifyOnRelatedAction,
        channel_expiry: new Date(c.expiresAt).toISOString().replace(/\.\d{3}Z$/, "+00:00"),
      })),
      info: { per_page: 200, count: all.length, page: 1, more_records: false },
    });
  });

  const write = (method: "POST" | "PUT" | "PATCH") => (req: express.Request, res: express.Response) => {
    calls[method] += 1;
    live();
    const entries = (req.body as { watch?: WatchInput[] } | undefined)?.watch;
    if (!Array.isArray(entries) || entries.length === 0) {
      res.status(400).json(failure("REQUIRED_PARAM_MISSING", "watch is mandatory", { api_name: "watch" }));
      return;
    }
    const results = entries.map((input) => {
      const current = channels.get(String(input.channel_id));
      if (method !== "POST" && !current) return failure("INVALID_DATA", "the channel does not exist", { api_name: "channel_id" });
      const channel = read(input, method === "PATCH", current);
      if (!("channelId" in channel)) return channel;
      channels.set(channel.channelId, channel);
      return success(
        channel,
        method === "POST" ? "Successfully subscribed for actions-watch of the given module" : "Successfully updated the subscribe details",
      );
    });
    res.status(results.every((r) => r.status === "success") ? 200 : 400).json({ watch: results });
  };
  router.post("/actions/watch", write("POST"));
  router.put("/actions/watch", write("PUT"));
  router.patch("/actions/watch", write("PATCH"));
  router.delete("/actions/watch", (req, res) => {
    calls.DELETE += 1;
    const ids = String(req.query.channel_ids ?? "")
      .split(",")
      .filter(Boolean);
    for (const id of ids) channels.delete(id);
    res.json({
      watch: ids.map((id) => ({
        code: "SUCCESS",
        details: { channel_id: id },
        message: "Successfully unsubscribed from actions-watch of the given module",
        status: "success",
      })),
    });
  });

  const control: NotificationsControl = {
    channels: live,
    async fire(module, ids, operation, fireOptions = {}) {
      const event = OPERATION_EVENTS[operation];
      const watching = live().filter((c) => c.events.includes(`${module}.all`) || c.events.includes(`${module}.${event}`));
      return Promise.all(
        watching.map(async (channel) => {
          const response = await fetch(channel.notifyUrl, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              server_time: clock.now().getTime(),
              query_params: {},
              module,
              resource_uri: `${apiBase}/crm/v8/${module}`,
              ids,
              affected_fields: operation === "update" ? (fireOptions.affectedFields ?? []) : [],
              operation,
              channel_id: channel.channelId,
              token: fireOptions.token ?? channel.token,
            }),
          });
          await response.arrayBuffer();
          return response.status;
        }),
      );
    },
    drop: (channelId) => void channels.delete(channelId),
    calls,
  };
  return { router, control };
}
