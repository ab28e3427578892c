import { createHash } from "node:crypto";
import { Cron } from "croner";
import type { Logger } from "pino";
import type { Clock } from "../../common/clock";
import type { Config } from "../../config/config";
import type { VendorApiMetrics } from "../../metrics/vendor-api-metrics";
import { SYNCED_MODULES } from "../../modules/module-registry";
import { createZohoTransport, zohoCredentialsFor } from "../transport/create-zoho-transport";
import type { ZohoTransport } from "../transport/zoho-transport";

/** The callback route the channel posts to, below GATEWAY_PUBLIC_URL. */
export const CRM_NOTIFICATIONS_PATH = "/hooks/zoho/crm/notifications";
/** How often the channel is looked at (one GET, one credit: ~96 a day). */
const CHECK_SCHEDULE = "*/15 * * * *";

export interface ChannelSettings {
  channelId: string;
  token: string;
  notifyUrl: string;
  /** e.g. Accounts.all: create, edit and delete of each synced module. */
  events: string[];
  lifetimeMs: number;
  renewBeforeMs: number;
}

export interface ChannelState {
  action: "subscribed" | "renewed" | "unchanged";
  expiresAt: Date;
}

interface WatchEntry {
  channel_id?: string | number;
  channel_expiry?: string;
  events?: string[];
  notify_url?: string;
}

/** Zoho writes datetimes as ISO 8601 with an offset and no fraction, e.g. 2026-11-26T10:00:00+00:00. */
function zohoDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** A stable channel id per callback URL, so restarts and every gateway process manage the same channel. */
export function defaultChannelId(notifyUrl: string): string {
  return String(parseInt(createHash("sha256").update(notifyUrl).digest("hex").slice(0, 12), 16) + 1);
}

/**
 * Keeps the CRM Notifications API channel (notes 5.7) that announces edits of the synced modules to
 * POST {GATEWAY_PUBLIC_URL}/hooks/zoho/crm/notifications: subscribes it when it is missing, renews it before it
 * expires (v8 allows up to a week; default lifetime a day, renewed in its last quarter or hour), and on a
 * schedule checks it is still there. Idempotent across processes: all use the same channel id and details.
 */
export class CrmChannelKeeper {
  private job: Cron | null = null;
  private checking: Promise<ChannelState> | null = null;
  private known: Date | null = null;

  constructor(
    private readonly transport: ZohoTransport,
    readonly settings: ChannelSettings,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Checks now (without holding up start-up), then on the schedule until stopped. */
  start(): void {
    if (this.job) return;
    this.job = new Cron(CHECK_SCHEDULE, { protect: true, unref: true }, () => this.checkLogged());
    void this.checkLogged();
  }

  async stop(): Promise<void> {
    this.job?.stop();
    this.job = null;
    await this.checking?.catch(() => undefined);
  }

  /** When the channel expires, as last seen; null before the first check. */
  get expiresAt(): Date | null {
    return this.known;
  }

  /** Lists the channels; subscribes ours if missing or different, renews it if it expires soon. One at a time. */
  check(): Promise<ChannelState> {
    this.checking ??= this.reconcile().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async checkLogged(): Promise<void> {
    try {
      await this.check();
    } catch (error) {
      this.logger.warn({ err: error }, "CRM notification channel could not be checked; trying again at the next check");
    }
  }

  private async reconcile(): Promise<ChannelState> {
    const { settings } = this;
    const listed = await this.transport.request<{ watch?: WatchEntry[] }>({ method: "GET", path: "/actions/watch", priority: "sync" });
    const ours = (listed.body?.watch ?? []).filter((w) => String(w.channel_id) === settings.channelId);
    const now = this.clock.now().getTime();
    if (ours.length === 0) return this.subscribe("POST", "subscribed");
    const expiry = Math.min(...ours.map((w) => (w.channel_expiry ? Date.parse(w.channel_expiry) : 0)));
    const events = new Set(ours.flatMap((w) => w.events ?? []));
    const sameEvents = events.size === settings.events.length && settings.events.every((e) => events.has(e));
    const sameUrl = ours.every((w) => w.notify_url === undefined || w.notify_url === settings.notifyUrl);
    if (!sameEvents || !sameUrl || !(expiry - now > settings.renewBeforeMs)) return this.subscribe("PUT", "renewed");
    this.known = new Date(expiry);
    return { action: "unchanged", expiresAt: this.known };
  }

  /** POST enables the channel, PUT replaces its details (a new expiry among them). */
  private async subscribe(method: "POST" | "PUT", action: ChannelState["action"]): Promise<ChannelState> {
    const { settings } = this;
    const wanted = new Date(this.clock.now().getTime() + settings.lifetimeMs);
    const body = {
      watch: [
        {
          channel_id: Number(settings.channelId),
          events: settings.events,
          channel_expiry: zohoDateTime(wanted),
          token: settings.token,
          notify_url: settings.notifyUrl,
          // Edits of related records (notes, tasks …) are not ours to sync.
          notify_on_related_action: false,
        },
      ],
    };
    const reply = await this.transport.request<{
      watch?: Array<{ code?: string; message?: string; details?: { events?: Array<{ channel_expiry?: string }> } }>;
    }>({ method, path: "/actions/watch", body, priority: "sync" });
    const result = reply.body?.watch?.[0];
    if (reply.status >= 300 || result?.code !== "SUCCESS") {
      if (method === "PUT") return this.subscribe("POST", "subscribed");
      throw new Error(`The CRM refused the notification channel (HTTP ${reply.status}, ${result?.code ?? "no code"}: ${result?.message ?? "no message"})`);
    }
    const granted = (result.details?.events ?? []).map((e) => Date.parse(e.channel_expiry ?? "")).filter((t) => Number.isFinite(t));
    this.known = new Date(granted.length > 0 ? Math.min(...granted) : wanted.getTime());
    this.logger.info(
      { channelId: settings.channelId, events: settings.events, expiresAt: this.known.toISOString(), action },
      "CRM notification channel subscribed",
    );
    return { action, expiresAt: this.known };
  }
}

/** The keeper when the CRM's OAuth settings, GATEWAY_PUBLIC_URL and CRM_NOTIFICATION_TOKEN are all set; else null. */
export function createCrmChannelKeeper(config: Config, vendorMetrics: VendorApiMetrics, clock: Clock, logger: Logger): CrmChannelKeeper | null {
  const { zoho } = config;
  if (!zoho.publicUrl || !zoho.crmNotificationToken || !zohoCredentialsFor("crm", config)) return null;
  const notifyUrl = `${zoho.publicUrl}${CRM_NOTIFICATIONS_PATH}`;
  const transport = createZohoTransport("crm", config, logger, vendorMetrics, { clock });
  return new CrmChannelKeeper(
    transport,
    {
      channelId: zoho.crmNotificationChannelId ?? defaultChannelId(notifyUrl),
      token: zoho.crmNotificationToken,
      notifyUrl,
      events: SYNCED_MODULES.CRM.map((module) => `${module}.all`),
      lifetimeMs: zoho.crmChannelLifetimeMs,
      renewBeforeMs: zoho.crmChannelRenewBeforeMs,
    },
    clock,
    logger.child({ component: "crm-channel" }),
  );
}
