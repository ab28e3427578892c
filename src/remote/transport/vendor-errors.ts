import { AppError } from "../../errors/app-error";
import { ErrorCode } from "../../errors/error-code";
import type { ZohoSystem } from "./data-centres";

const SYSTEM_NAMES: Record<ZohoSystem, string> = { crm: "The CRM", fsm: "The FSM" };

export type UnavailableReason = "RATE_LIMITED" | "SERVER_ERROR" | "NETWORK_ERROR" | "TOKEN_LIMIT" | "BAD_REPLY";

/**
 * The vendor could not be reached or asked us to wait, past the transport's own retries. Transient: the sync
 * engine retries the entry with its backoff (it treats every error but a rejection as transient), a GraphQL
 * caller sees VENDOR_UNAVAILABLE and may try again after `retryAfterMs`.
 */
export class VendorUnavailableError extends AppError {
  readonly transient = true;

  constructor(
    readonly system: ZohoSystem,
    readonly reason: UnavailableReason,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(ErrorCode.VendorUnavailable, `${SYSTEM_NAMES[system]} API is unavailable: ${message}`, undefined, {
      system,
      reason,
      ...(retryAfterMs !== null ? { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : {}),
    });
  }
}

/**
 * The vendor refused our credentials: a refresh token revoked or for another data centre, a wrong client, a
 * scope missing. Needs an administrator; the message names what to check, never the secret itself.
 */
export class VendorAuthError extends AppError {
  readonly transient = true;

  constructor(
    readonly system: ZohoSystem | "accounts",
    readonly vendorCode: string,
    message: string,
  ) {
    super(ErrorCode.VendorAuthFailed, message, undefined, { system, vendorCode });
  }
}
