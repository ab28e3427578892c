import type { NextFunction, Request, RequestHandler, Response } from "express";
import { ExecutionTimeoutError } from "../../errors/limit-errors";
import { sendAppError } from "./send-app-error";
import { Deadline } from "./deadline";

/** The request's deadline, set by withExecutionBudget (Deadline.NONE without a budget). */
export function deadlineOf(res: Response): Deadline {
  return (res.locals.deadline as Deadline | undefined) ?? Deadline.NONE;
}

/**
 * The time budget of a GraphQL request, from the moment its body is read. Two halves:
 * - the deadline (res.locals, then the context) is checked where work is dispatched: every loader batch checks
 *   it before its SQL, so a request past its budget starts nothing new, and execution-budget.plugin.ts answers
 *   it with EXECUTION_TIMEOUT (503) instead of a partial result;
 * - a timer answers the client at the deadline when the handler is waiting on something else (a slow
 *   PostgreSQL statement, a vendor API); the handler's late answer is then dropped. A statement already running
 *   is not interrupted: the budget bounds what starts, not the statement in flight.
 */
export function withExecutionBudget(handler: RequestHandler, timeoutMs: number): RequestHandler {
  if (timeoutMs <= 0) return handler;
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.deadline = new Deadline(timeoutMs);
    let timedOut = false;
    const timer = setTimeout(() => {
      if (res.headersSent || deadlineOf(res).waived) return;
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
