import type { Request, RequestHandler } from "express";
import { MethodNotAllowedError, UnsupportedMediaTypeError } from "../../errors/http-errors";
import { sendAppError } from "./send-app-error";
import { routeNotFound } from "./http-fallbacks";

const ALLOWED = ["GET", "POST"] as const;
/** What a browser sends cross-site without a preflight: Apollo's CSRF prevention refuses these (400), not us. */
const CSRF_SIMPLE_TYPES = new Set(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]);
/** Apollo's default CSRF "required headers": with one, the request was preflighted. */
const PREFLIGHT_HEADERS = ["apollo-require-preflight", "x-apollo-operation-name"];

function csrfSimple(req: Request): boolean {
  const essence = req.headers["content-type"]?.split(";")[0].trim().toLowerCase();
  if (essence && !CSRF_SIMPLE_TYPES.has(essence)) return false;
  return !PREFLIGHT_HEADERS.some((name) => req.headers[name] !== undefined);
}

/**
 * The methods and body types /graphql speaks, checked before anything is read: other methods answer 405 with
 * `Allow`, a POST body that is not JSON 415. Requests that look like a cross-site form post are left to Apollo's
 * CSRF prevention, whose 400 tells a browser developer what to send instead.
 */
export const graphqlHttpGuard: RequestHandler = (req, res, next) => {
  // Mounted with app.use, which also matches /graphql/anything: only the endpoint itself is GraphQL.
  if (req.path !== "/") return routeNotFound(req, res, next);
  if (!(ALLOWED as readonly string[]).includes(req.method)) {
    return sendAppError(res, new MethodNotAllowedError(req.method, ALLOWED), { Allow: ALLOWED.join(", ") });
  }
  if (req.method === "POST" && !req.is("application/json") && !csrfSimple(req)) {
    return sendAppError(res, new UnsupportedMediaTypeError(req.headers["content-type"]));
  }
  next();
};
