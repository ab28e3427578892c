import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { ErrorCode } from "../../errors/error-code";
import { AppError } from "../../errors/app-error";
import { HttpRequestError, RouteNotFoundError } from "../../errors/http-errors";
import { BadRequestError, PayloadTooLargeError } from "../../errors/limit-errors";
import { sendAppError } from "./send-app-error";

/** Last in line: a path no router took answers 404 NOT_FOUND as JSON, not express's HTML "Cannot GET". */
export const routeNotFound: RequestHandler = (req, res) => {
  sendAppError(res, new RouteNotFoundError(req.method, req.path));
};

/**
 * Express's final error handler, replaced: whatever a router let through (a body-parser error, a failure it did
 * not catch) answers in the JSON error shape. Statuses of client errors are kept; anything else is a 500 with a
 * generic message, the details logged.
 */
export function jsonErrorHandler(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (res.headersSent) return void res.end();
    sendAppError(res, asAppError(error, maxBodyBytes, logger));
  };
}

function asAppError(error: unknown, maxBodyBytes: number, logger: Logger): AppError {
  if (error instanceof AppError) return error;
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  if (status === 413) return new PayloadTooLargeError(maxBodyBytes);
  if (status === 415) return new HttpRequestError(ErrorCode.UnsupportedMediaType, "The request body's charset or encoding is not supported");
  if (typeof status === "number" && status >= 400 && status < 500) return new BadRequestError("The request could not be read");
  logger.error({ err: error }, "unexpected error outside GraphQL");
  return new HttpRequestError(ErrorCode.Internal, "Internal server error");
}
