import type { RequestHandler } from "express";
import { TooManyOperationsError } from "../../errors/limit-errors";
import { sendAppError } from "./send-app-error";

/**
 * A JSON array body is a batch of operations, each as costly as a request of its own: more than the limit
 * are refused before any runs (with a limit of 1, any array, since batching is then off).
 */
export function batchLimit(maxOperations: number): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    if (!Array.isArray(body) || (maxOperations > 1 && body.length <= maxOperations)) return next();
    sendAppError(res, new TooManyOperationsError(body.length, maxOperations));
  };
}
