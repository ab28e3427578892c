import { createHash, timingSafeEqual } from "node:crypto";
import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import type { Services } from "../services";
import { ErrorCode } from "../errors/error-code";
import { StorageUnavailableError } from "../errors/storage-unavailable.error";
import type { Side } from "../sync/sync-pair";
import { acceptAnnouncement, AnnouncementInputError, parseAnnouncement, type Announcement } from "../sync/change-intake";
import { sendWebhookError } from "./limits/send-app-error";

/**
 * Change feeds: a system announces edits made outside the gateway, and the gateway syncs them.
 *
 *   POST /hooks/crm   and   POST /hooks/fsm
 *   Content-Type: application/json
 *   X-Gateway-Secret: <HOOK_SECRET>
 *
 *   { "module": "Accounts", "ids": ["<record id>", …], "operation": "update" }
 *
 * - `module`: the system's module API name; only synced modules are accepted (CRM: Accounts, Contacts,
 *   Products; FSM: Companies, Contacts, Services_And_Parts, also spelled Service_And_Parts as in the FSM API).
 *   Matched case-insensitively.
 * - `ids`: 1 to 100 record ids (strings, or integers as some senders encode them); repeats are sent once.
 * - `operation`: create | update | delete, any case. The CRM notification spellings `insert` and `edit` are
 *   accepted too, so a CRM `actions/watch` channel can post straight here.
 * - Other keys are ignored (a CRM notification also carries server_time, resource_uri, channel_id, …).
 *
 * The secret goes in the X-Gateway-Secret header. A CRM notification channel cannot set headers; it echoes
 * the channel's `token` (≤ 50 characters) in the body, so when the header is absent a body `token` is checked
 * instead. Either way the comparison takes constant time and never reveals the secret's length.
 *
 * Replies (JSON):
 * - 202 `{ accepted, side, module, operation, entryIds, held }`: one outbox entry per id, committed in one
 *   transaction; the background worker syncs them shortly after. Each entry syncs the record as it is then,
 *   compared with its link's shadow, so a repeated or echoed announcement writes nothing. `held: true` (with
 *   `heldDeletionId`): the mass-delete guard (src/sync/mass-delete-guard.ts) holds these deletions until an
 *   admin confirms or discards them.
 * - 400 `{ error: { code: "BAD_USER_INPUT", field, message } }`: bad JSON or field (`module`, `ids`, `operation`).
 * - 401 `{ error: { code: "UNAUTHENTICATED", message } }`: secret missing or wrong; nothing is enqueued.
 * - 404 `{ error: { code: "NOT_FOUND", message } }`: change feeds are off (HOOK_SECRET unset), or no such feed.
 * - 405 for any method other than POST; 413 for a body over the size limit.
 */

export const CHANGE_FEED_SECRET_HEADER = "x-gateway-secret";
export { MAX_IDS_PER_ANNOUNCEMENT } from "../sync/change-intake";
const BODY_LIMIT = "16kb";

const SIDES: Record<string, Side> = { crm: "CRM", fsm: "FSM" };

const sendError = sendWebhookError;

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** Constant time whatever the inputs: both sides are hashed to 32 bytes before comparing. */
export function secretMatches(given: unknown, expected: string): boolean {
  if (typeof given !== "string" || given === "") return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** POST /hooks/crm and /hooks/fsm: edits made outside the gateway, announced by the systems themselves. */
export function createChangeFeedRouter(services: Services, logger: Logger): Router {
  const log = logger.child({ component: "change-feed" });
  const router = Router();
  const secret = () => services.config.hookSecret;

  const resolveSide = (req: Request, res: Response): Side | null => {
    const side = SIDES[String(req.params.side).toLowerCase()];
    if (!side) sendError(res, 404, ErrorCode.NotFound, `No change feed "${String(req.params.side)}": use /hooks/crm or /hooks/fsm`);
    return side ?? null;
  };

  // 1. Feed exists and is switched on; a wrong header is refused before the body is read.
  router.all("/:side", (req: Request, res: Response, next: NextFunction) => {
    if (!resolveSide(req, res)) return;
    const expected = secret();
    if (!expected) {
      sendError(res, 404, ErrorCode.NotFound, "Change feeds are disabled: set HOOK_SECRET to enable POST /hooks/crm and /hooks/fsm");
      return;
    }
    if (req.method !== "POST") {
      res.setHeader("Allow", "POST");
      sendError(res, 405, "METHOD_NOT_ALLOWED", "Announce changes with POST");
      return;
    }
    const header = req.get(CHANGE_FEED_SECRET_HEADER);
    if (header !== undefined && !secretMatches(header, expected)) {
      log.warn({ ip: req.ip, feed: req.params.side }, "change-feed announcement refused: wrong secret");
      sendError(res, 401, ErrorCode.Unauthenticated, `Wrong ${CHANGE_FEED_SECRET_HEADER} header`);
      return;
    }
    next();
  });

  router.post("/:side", express.json({ limit: BODY_LIMIT }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const side = resolveSide(req, res);
      const expected = secret();
      // The handler above has refused a request with neither; this only narrows the types.
      if (!side || !expected) return;
      // 2. No header: a CRM notification's body token is the credential.
      if (req.get(CHANGE_FEED_SECRET_HEADER) === undefined && !secretMatches((req.body as { token?: unknown } | undefined)?.token, expected)) {
        log.warn({ ip: req.ip, feed: req.params.side }, "change-feed announcement refused: no valid secret");
        sendError(res, 401, ErrorCode.Unauthenticated, `Send the shared secret in the ${CHANGE_FEED_SECRET_HEADER} header`);
        return;
      }
      let announcement: Announcement;
      try {
        announcement = parseAnnouncement(side, req.body);
      } catch (error) {
        if (!(error instanceof AnnouncementInputError)) throw error;
        sendError(res, 400, ErrorCode.BadUserInput, error.message, error.field);
        return;
      }
      // 3. One entry per id, all or none; deletions past the mass-delete guard's threshold are held.
      res.status(202).json(await acceptAnnouncement(services, side, announcement, log));
    } catch (error) {
      next(error);
    }
  });

  // Body-parser and unexpected errors, as JSON. A body that cannot be read carries no token: 401 unless the
  // header already proved the sender.
  router.use("/:side", (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number; type?: string }).status;
    const type = (error as { type?: string }).type;
    const expected = secret();
    if (status && status >= 400 && status < 500 && type) {
      if (!expected || !secretMatches(req.get(CHANGE_FEED_SECRET_HEADER), expected)) {
        sendError(res, 401, ErrorCode.Unauthenticated, `Send the shared secret in the ${CHANGE_FEED_SECRET_HEADER} header`);
      } else if (type === "entity.too.large") {
        sendError(res, 413, ErrorCode.BadUserInput, `body: larger than ${BODY_LIMIT}`, "body");
      } else {
        sendError(res, 400, ErrorCode.BadUserInput, "body: expected a JSON object { module, ids, operation }", "body");
      }
      return;
    }
    // Nothing was queued and the sender may retry: the database's own log line covers the episode.
    if (error instanceof StorageUnavailableError) return sendError(res, 503, ErrorCode.StorageUnavailable, error.message);
    log.error({ err: error }, "change-feed announcement failed");
    sendError(res, 500, ErrorCode.Internal, "The announcement could not be queued; send it again");
  });

  router.use((_req: Request, res: Response) => {
    sendError(res, 404, ErrorCode.NotFound, "No such change feed: use POST /hooks/crm or /hooks/fsm");
  });

  return router;
}
