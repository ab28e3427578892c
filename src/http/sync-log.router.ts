import { Router, type NextFunction, type Request, type Response } from "express";
import { stringify } from "csv-stringify/sync";
import type { Services } from "../services";
import { AppError, ForbiddenError, NotFoundError, UnauthenticatedError } from "../errors/app-error";
import { ErrorCode } from "../errors/error-code";
import { SyncFlow, type SyncEvent } from "../sync/history/sync-event.entity";
import type { SyncRun } from "../sync/history/sync-run.entity";
import { PAIR_MODULES } from "../modules/module-registry";
import { createContext } from "./context";
import { sendAppError } from "./limits/send-app-error";

const MOUNT = "/sync-history";
/** A Log Id is the reason code of its group, so it is stable across downloads and needs no table of its own. */
const LOG_ID = /^[A-Z][A-Z0-9_]{0,39}$/;
/** Run ids as the history issues them ("SYNC-20261207", a UUID): anything else names no run, and is not looked up. */
const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const COLUMNS = ["Time", "Sync Id", "Log Id", "Direction", "Pair", "Operation", "CRM Record Id", "FSM Record Id", "Reason", "Message"];
const DIRECTION: Record<SyncFlow, string> = { [SyncFlow.CRM_TO_FSM]: "CRM to FSM", [SyncFlow.FSM_TO_CRM]: "FSM to CRM" };

export function failuresCsvPath(syncId: string): string {
  return `${MOUNT}/${encodeURIComponent(syncId)}/failures.csv`;
}

export function failureLogCsvPath(syncId: string, logId: string): string {
  return `${MOUNT}/${encodeURIComponent(syncId)}/logs/${encodeURIComponent(logId)}.csv`;
}

/**
 * GET /sync-history/:syncId/failures.csv and /logs/:logId.csv: a run's failed records (admin only).
 * Errors answer JSON `{ errors: [{ message, extensions: { code } }] }`, as GraphQL does.
 */
export function createSyncLogRouter(services: Services): Router {
  const router = Router();
  router.use(async (req: Request, _res: Response, next: NextFunction) => {
    const { viewer } = await createContext(services, req.headers.authorization);
    if (!viewer) throw new UnauthenticatedError();
    if (!viewer.isAdmin) throw new ForbiddenError("Sync logs are for administrators");
    next();
  });
  router.get("/:syncId/failures.csv", async (req: Request<{ syncId: string }>, res: Response) => {
    const run = await findRun(services, req.params.syncId);
    sendCsv(res, `${run.id}-failures.csv`, await services.history.failures(run.id));
  });
  router.get("/:syncId/logs/:logId.csv", async (req: Request<{ syncId: string; logId: string }>, res: Response) => {
    const run = await findRun(services, req.params.syncId);
    const { logId } = req.params;
    const events = LOG_ID.test(logId) ? await services.history.failures(run.id, logId) : [];
    if (!events.length) throw new NotFoundError("Sync log", LOG_ID.test(logId) ? logId : "(malformed id)");
    sendCsv(res, `${run.id}-${logId}.csv`, events);
  });
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => sendError(error, res, next));
  return router;
}

async function findRun(services: Services, syncId: string): Promise<SyncRun> {
  const run = RUN_ID.test(syncId) ? await services.history.run(syncId) : null;
  // A malformed id is not echoed: it may hold anything (a NUL byte, megabytes).
  if (!run) throw new NotFoundError("Sync run", RUN_ID.test(syncId) ? syncId : "(malformed id)");
  return run;
}

function sendCsv(res: Response, filename: string, events: SyncEvent[]): void {
  res.attachment(filename).type("text/csv").set("Cache-Control", "no-store");
  res.send(stringify(events.map(csvRow), { header: true, columns: COLUMNS }));
}

/** Ids, codes and messages only: events never hold field values. */
function csvRow(event: SyncEvent): string[] {
  const { crmModule, fsmModule } = PAIR_MODULES[event.pair];
  return [
    event.time.toISOString(),
    event.runId,
    event.reason ?? "",
    DIRECTION[event.flow],
    `${crmModule} / ${fsmModule}`,
    event.operation,
    event.crmId ?? "",
    event.fsmId ?? "",
    event.reason ?? "",
    withoutFormula(event.message ?? ""),
  ];
}

/** Spreadsheets run a cell that starts with = + - @ as a formula. */
function withoutFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Our own refusals here; anything else (a path express cannot decode, a failure) goes to the server's JSON error handler. */
function sendError(error: unknown, res: Response, next: NextFunction): void {
  if (!(error instanceof AppError)) return next(error);
  sendAppError(res, error, error.code === ErrorCode.Unauthenticated ? { "WWW-Authenticate": "Bearer" } : {});
}
