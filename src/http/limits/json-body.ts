import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { BadRequestError, PayloadTooLargeError } from "../../errors/limit-errors";
import { sendAppError } from "./send-app-error";

interface BodyParserError {
  type?: string;
  status?: number;
}

/** body-parser's error types (see its README) and what we tell the client for each. */
const PROBLEMS: Record<string, string> = {
  "entity.parse.failed": "The request body is not valid JSON",
  "encoding.unsupported": "The request body's content encoding is not supported",
  "charset.unsupported": "The request body's charset is not supported (send UTF-8)",
  "request.aborted": "The request body was cut off",
  "request.size.invalid": "The request body is shorter or longer than its Content-Length",
};

/**
 * express.json with the body size limit, and its errors answered as our JSON errors: express's default
 * handler would send an HTML page (with a stack trace outside production). A Content-Length above the limit is
 * refused before reading; a longer streamed body is cut off at the limit.
 */
export function jsonBody(maxBytes: number): [RequestHandler, ErrorRequestHandler] {
  const refuseBadBody: ErrorRequestHandler = (error: BodyParserError, _req, res, next) => {
    if (error?.type === "entity.too.large") return sendAppError(res, new PayloadTooLargeError(maxBytes));
    const problem = error?.type ? PROBLEMS[error.type] : undefined;
    if (problem) return sendAppError(res, new BadRequestError(problem));
    next(error);
  };
  return [express.json({ limit: maxBytes }), refuseBadBody];
}
