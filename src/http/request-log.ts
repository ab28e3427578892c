import type { Request, RequestHandler } from "express";
import type { Logger } from "pino";

/** Probes and scrapes every few seconds: logged at debug, not info. */
const QUIET_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** The operation name, when the client sent a sane one: it says what ran without logging the query or its variables. */
function operationNameOf(req: Request): string | undefined {
  const body: unknown = req.body;
  const name = body && typeof body === "object" && !Array.isArray(body) ? (body as { operationName?: unknown }).operationName : req.query?.operationName;
  return typeof name === "string" && OPERATION_NAME.test(name) ? name : undefined;
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * One structured line per request when its response is finished (or the client went away): id, method, path
 * without the query string (a GET carries the query and its variables there), status, duration, operation
 * name and the limit that refused it, if any. Headers, bodies and variables are never logged, so tokens,
 * cookies and personal field values cannot reach the logs from here.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      // Decoded, so the log scrubber sees an address sent as a%40b.com as the address it is.
      const path = decodedPath(req.originalUrl.split("?")[0]);
      const entry = {
        requestId: res.locals.requestId as string | undefined,
        method: req.method,
        path,
        status: res.writableFinished ? res.statusCode : undefined,
        aborted: res.writableFinished ? undefined : true,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        operationName: operationNameOf(req),
        refusal: res.locals.refusal as string | undefined,
      };
      logger[QUIET_PATHS.has(path) ? "debug" : "info"](entry, "request");
    };
    res.once("finish", log);
    res.once("close", log);
    next();
  };
}
