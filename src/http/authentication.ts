import type { RequestHandler, Response } from "express";
import type { AccessService, Principal } from "../access/access-service";

/** What an Authorization header (or a socket's connection_init `authorization`) resolved to, looked up once. */
export interface Authentication {
  /** The valid token's user and id; null without a header or with a refused one. */
  principal: Principal | null;
  /** A header was sent but names no valid token (malformed, unknown, revoked, expired, user deactivated). */
  refused: boolean;
  /** The lookup itself failed (e.g. the database is down): context creation rethrows it. */
  failure?: unknown;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const ANONYMOUS: Authentication = { principal: null, refused: false };

export async function authenticateHeader(access: AccessService, authorization: string | undefined): Promise<Authentication> {
  if (!authorization) return ANONYMOUS;
  const token = BEARER.exec(authorization)?.[1];
  if (!token) return { principal: null, refused: true };
  try {
    const principal = await access.authenticateToken(token);
    return { principal, refused: !principal };
  } catch (failure) {
    return { principal: null, refused: false, failure };
  }
}

/**
 * Whose budget a request or subscribe message spends: its user's, whichever token or spelling of the header
 * (`bearer  TOKEN`, `Bearer TOKEN `) it came with; anonymous and refused callers spend their client address's,
 * so made-up tokens get no fresh budgets.
 */
export function rateLimitKey(authentication: Authentication, address: string | undefined): string {
  return authentication.principal ? `user:${authentication.principal.user.id}` : `ip:${address ?? "unknown"}`;
}

export function authenticationOf(res: Response): Authentication | undefined {
  return res.locals.authentication as Authentication | undefined;
}

/** Resolves the request's token once, before the rate limit, for the rate limit and the GraphQL context alike. */
export function resolveAuthentication(access: AccessService): RequestHandler {
  return async (req, res, next) => {
    res.locals.authentication = await authenticateHeader(access, req.headers.authorization);
    next();
  };
}
