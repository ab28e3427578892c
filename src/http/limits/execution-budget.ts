import type { NextFunction, Request, RequestHandler, Response } from "express";
import { ExecutionTimeoutError } from "../../errors/limit-errors";
import { sendAppError } from "./send-app-error";

/**
 * Races the GraphQL handler against a time budget. At the deadline the client gets EXECUTION_TIMEOUT (503)
 * and the handler's late answer is dropped. What it does not do: cancel the work. Resolvers already running
 * go on until they finish (their SQL statements are not interrupted) and their result is discarded; nothing
 * new is *sent*, but loaders may still start queries for the rest of that operation. It bounds how long a
 * client waits and holds a connection, not how long the database is busy; the cost and depth limits are what
 * keep a single operation's work small.
 */
export function withExecutionBudget(handler: RequestHandler, timeoutMs: number): RequestHandler {
  if (timeoutMs <= 0) return handler;
  return (req: Request, res: Response, next: NextFunction) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      timedOut = true;
      sendAppError(res, new ExecutionTimeoutError(timeoutMs));
      discardLateWrites(res);
    }, timeoutMs);
    const settle = () => clearTimeout(timer);
    res.once("finish", settle);
    res.once("close", settle);
    const forward = (error?: unknown) => {
      settle();
      if (!timedOut) next(error);
    };
    Promise.resolve(handler(req, res, forward)).then(settle, forward);
  };
}

/** The response went out already: whatever the abandoned handler writes later goes nowhere. */
function discardLateWrites(res: Response): void {
  const ignore = () => res;
  Object.assign(res, { setHeader: ignore, status: ignore, send: ignore, json: ignore, end: ignore, write: () => true, flush: () => undefined });
}
