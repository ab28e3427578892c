import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import type { Services } from "../../services";
import { ErrorCode } from "../../errors/error-code";
import { StorageUnavailableError } from "../../errors/storage-unavailable.error";
import { secretMatches } from "../../http/change-feed.router";
import { acceptAnnouncement, AnnouncementInputError, MAX_IDS_PER_ANNOUNCEMENT, parseAnnouncement, type IntakeResult } from "../../sync/change-intake";
import type { Side } from "../../sync/sync-pair";
import { chunk } from "../../common/chunk";
import { sendWebhookError } from "../../http/limits/send-app-error";

/**
 * The vendors' own change events, fed into the same intake as the change-feed hooks (src/sync/change-intake.ts):
 *
 * POST /hooks/zoho/crm/notifications — the CRM Notifications API channel (notes 5.7) the CrmChannelKeeper
 *   subscribes. Body (JSON, as the CRM posts it): { server_time, module, resource_uri, ids[], operation
 *   (insert|update|delete), affected_fields, channel_id, token }. The CRM signs nothing: the channel's `token`
 *   (CRM_NOTIFICATION_TOKEN) is checked in constant time on every callback; 401 when it does not match.
 *
 * POST /hooks/zoho/fsm/webhook — an FSM workflow-rule webhook (notes 4.6) carrying the static key
 *   FSM_WEBHOOK_KEY in the X-FSM-Webhook-Key header or the `key` query parameter. The payload is the one the
 *   workflow's webhook is set up to send, JSON or form-encoded: { module, ids (an array or a comma-separated
 *   list; or `id`), operation (create|update|delete) }.
 *
 * Replies: 202 { accepted, entryIds, … } (more than 100 ids are queued in batches of 100); 400 naming the bad
 * field; 401 wrong token or key; 404 when the route is not configured.
 */

export const FSM_WEBHOOK_KEY_HEADER = "x-fsm-webhook-key";
const BODY_LIMIT = "256kb";

const sendError = sendWebhookError;

/** "a,b" or ["a","b"] or a lone `id`: the shapes a hand-designed webhook payload takes. */
function idsOf(body: Record<string, unknown>): unknown {
  const ids = body.ids ?? (body.id !== undefined ? [body.id] : undefined);
  return typeof ids === "string"
    ? ids
        .split(",")
        .map((id) => id.trim())
        .filter((id) => id !== "")
    : ids;
}

/** One announcement per 100 ids, each its own transaction (the intake's limit). */
async function intake(services: Services, side: Side, body: Record<string, unknown>, log: Logger): Promise<IntakeResult> {
  const ids = idsOf(body);
  const batches = Array.isArray(ids) && ids.length > MAX_IDS_PER_ANNOUNCEMENT ? chunk(ids, MAX_IDS_PER_ANNOUNCEMENT) : [ids];
  const announcements = batches.map((batch) => parseAnnouncement(side, { module: body.module, operation: body.operation, ids: batch }));
  const results: IntakeResult[] = [];
  for (const announcement of announcements) results.push(await acceptAnnouncement(services, side, announcement, log));
  return results.reduce((all, r) => ({
    ...all,
    accepted: all.accepted + r.accepted,
    entryIds: [...all.entryIds, ...r.entryIds],
    held: all.held || r.held,
    ...(r.heldDeletionId ? { heldDeletionId: r.heldDeletionId } : {}),
  }));
}

export function createZohoEventsRouter(services: Services, logger: Logger): Router {
  const log = logger.child({ component: "zoho-events" });
  const router = Router();
  const { zoho } = services.config;

  const handle = (side: Side, res: Response, body: unknown) => {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      sendError(res, 400, ErrorCode.BadUserInput, "body: expected an object { module, ids, operation }", "body");
      return null;
    }
    return intake(services, side, body as Record<string, unknown>, log).then(
      (result) => void res.status(202).json(result),
      (error: unknown) => {
        if (!(error instanceof AnnouncementInputError)) throw error;
        sendError(res, 400, ErrorCode.BadUserInput, error.message, error.field);
      },
    );
  };

  router.post("/crm/notifications", express.json({ limit: BODY_LIMIT }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = zoho.crmNotificationToken;
      if (!token || !services.crmChannels) {
        sendError(
          res,
          404,
          ErrorCode.NotFound,
          "CRM notifications are not configured: set the CRM's OAuth settings, GATEWAY_PUBLIC_URL and CRM_NOTIFICATION_TOKEN",
        );
        return;
      }
      const body = req.body as { token?: unknown; channel_id?: unknown } | undefined;
      if (!secretMatches(body?.token, token)) {
        log.warn({ ip: req.ip, channelId: String(body?.channel_id ?? "") }, "CRM notification refused: wrong channel token");
        sendError(res, 401, ErrorCode.Unauthenticated, "The notification's channel token does not match");
        return;
      }
      await handle("CRM", res, req.body);
    } catch (error) {
      next(error);
    }
  });

  router.post(
    "/fsm/webhook",
    (req: Request, res: Response, next: NextFunction) => {
      const key = zoho.fsmWebhookKey;
      if (!key) {
        sendError(res, 404, ErrorCode.NotFound, "FSM webhooks are not configured: set FSM_WEBHOOK_KEY");
        return;
      }
      const given = req.get(FSM_WEBHOOK_KEY_HEADER) ?? (typeof req.query.key === "string" ? req.query.key : undefined);
      if (!secretMatches(given, key)) {
        log.warn({ ip: req.ip }, "FSM webhook refused: wrong key");
        sendError(res, 401, ErrorCode.Unauthenticated, `Send the webhook key in the ${FSM_WEBHOOK_KEY_HEADER} header or the key query parameter`);
        return;
      }
      next();
    },
    express.json({ limit: BODY_LIMIT }),
    express.urlencoded({ extended: false, limit: BODY_LIMIT }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        await handle("FSM", res, req.body);
      } catch (error) {
        next(error);
      }
    },
  );

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number; type?: string }).status;
    if (status && status >= 400 && status < 500 && (error as { type?: string }).type) {
      sendError(res, status === 413 ? 413 : 400, ErrorCode.BadUserInput, "body: expected a JSON object { module, ids, operation }", "body");
      return;
    }
    // Nothing was queued and the sender may retry: the database's own log line covers the episode.
    if (error instanceof StorageUnavailableError) return sendError(res, 503, ErrorCode.StorageUnavailable, error.message);
    log.error({ err: error }, "vendor change event failed");
    sendError(res, 500, ErrorCode.Internal, "The change could not be queued; send it again");
  });

  return router;
}
