import type { Response } from "express";
import type { GraphQLFormattedError } from "graphql";
import type { AppError } from "../../errors/app-error";
import { createErrorFormatter } from "../../errors/format-error";
import { httpStatusOf } from "../../errors/to-graphql-error";

const formatError = createErrorFormatter(() => undefined);

/** The JSON body of a refusal: GraphQL's error shape, formatted by the one formatter. */
export function appErrorBody(error: AppError): { errors: GraphQLFormattedError[] } {
  return { errors: [formatError({ message: error.message }, error)] };
}

/**
 * Answers a request refused outside GraphQL (body size, batching, rate limit, time budget) in the same JSON
 * shape and through the same formatter as a GraphQL error, never express's HTML error page.
 */
export function sendAppError(res: Response, error: AppError, headers: Record<string, string> = {}): void {
  res.locals.refusal = error.code;
  res
    .status(httpStatusOf(error.code) ?? 400)
    .set({ ...headers, "cache-control": "no-store" })
    .json(appErrorBody(error));
}

/**
 * The webhook routers' refusals (change feeds, vendor events): GraphQL's error shape like every other answer,
 * plus the `error` object those endpoints answered with before, which webhook senders may already read.
 */
export function sendWebhookError(res: Response, status: number, code: string, message: string, field?: string): void {
  res.locals.refusal = code;
  const extensions = { code, ...(field ? { field } : {}) };
  res
    .status(status)
    .set("cache-control", "no-store")
    .json({ errors: [{ message, extensions }], error: { code, ...(field ? { field } : {}), message } });
}
