import type { EventEmitter } from "node:events";
import { Router, type RequestHandler } from "express";
import type { Clock } from "../../../src/common/clock";
import { createOAuthEmulator, type OAuthControl, type OAuthEmulatorOptions } from "./oauth";
import { createRateLimit, type RateLimitControl, type RateLimitOptions } from "./rate-limit";
import { createNotificationsEmulator, type CrmOperation, type NotificationsControl } from "./notifications";

/** What the records emulator shares with the vendor routers (structurally its EmulatorContext). */
export interface VendorContext {
  /** The records API asks it whether an access token is good; the accounts server here answers. */
  acceptsToken: (token: string) => boolean;
  /** "change" events { system, vendorModule, operation, ids } after each write the records API made. */
  changes: EventEmitter;
}

export type VendorRouterFactory = (context: VendorContext) => RequestHandler;

export interface TransportPartsOptions {
  oauth: Omit<OAuthEmulatorOptions, "clock">;
  crm?: RateLimitOptions;
  fsm?: RateLimitOptions;
  clock?: Clock;
  /** Fire CRM notifications for every CRM record change, the gateway's own writes included (off: tests fire them). */
  autoNotify?: boolean;
}

export interface TransportParts {
  /** Mount in this order before the record APIs: accounts server + token check, limits, CRM notifications. */
  factories: VendorRouterFactory[];
  oauth: OAuthControl;
  crmLimits: RateLimitControl;
  fsmLimits: RateLimitControl;
  notifications: NotificationsControl;
}

/**
 * The transport's emulator parts as router factories for the records emulator (emulator.ts): the accounts
 * server at /accounts/oauth/v2/token (ZOHO_ACCOUNTS_URL = {emulator}/accounts), access tokens checked on
 * /crm/v8 and /fsm/v1, each system's limits, and the CRM's /crm/v8/actions/watch.
 */
export function createTransportParts(options: TransportPartsOptions): TransportParts {
  const oauth = createOAuthEmulator({ ...options.oauth, clock: options.clock });
  const crm = createRateLimit(options.crm);
  const fsm = createRateLimit(options.fsm);
  const notifications = createNotificationsEmulator({ clock: options.clock });
  const factories: VendorRouterFactory[] = [
    (context) => {
      context.acceptsToken = oauth.control.accepts;
      const router = Router();
      router.use("/accounts", oauth.router);
      router.use(["/crm/v8", "/fsm/v1"], oauth.requireAccessToken);
      return router;
    },
    () => {
      const router = Router();
      router.use("/crm/v8", crm.middleware);
      router.use("/fsm/v1", fsm.middleware);
      return router;
    },
    (context) => {
      if (options.autoNotify) {
        context.changes.on("change", (change: { system: string; vendorModule: string; operation: CrmOperation; ids: string[] }) => {
          if (change.system === "CRM") void notifications.control.fire(change.vendorModule, change.ids, change.operation).catch(() => undefined);
        });
      }
      const router = Router();
      router.use("/crm/v8", notifications.router);
      return router;
    },
  ];
  return { factories, oauth: oauth.control, crmLimits: crm.control, fsmLimits: fsm.control, notifications: notifications.control };
}
