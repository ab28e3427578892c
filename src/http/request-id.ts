import { randomUUID } from "node:crypto";
import type { RequestHandler, Response } from "express";

/** Letters, digits and . _ : - up to 128 characters: fits UUIDs, ULIDs and trace ids, and nothing that could forge a log line. */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Every request gets an id: the caller's X-Request-Id when it is sane (so a proxy's id follows the request
 * through), a new UUID otherwise. It is echoed in the response's X-Request-Id, logged, and in the context.
 */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get("x-request-id");
  const id = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.set("X-Request-Id", id);
  next();
};

export function requestIdOf(res: Response): string {
  return typeof res.locals.requestId === "string" ? res.locals.requestId : randomUUID();
}
