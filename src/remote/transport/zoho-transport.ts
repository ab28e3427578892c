import type { RequestPriority } from "../../common/request-priority";

/**
 * The one door to a vendor's REST API. Connectors (src/remote/crm, src/remote/fsm) build requests and read
 * envelopes; the transport owns everything about getting a request through: the data centre's host, OAuth
 * access tokens (refreshed before expiry and on INVALID_TOKEN), the shared per-org request budget with its
 * priorities, 429 / Retry-After backoff and the CRM's API-credit accounting.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ZohoRequest {
  method: HttpMethod;
  /** Path below the API root, e.g. "/Accounts/search" (the transport adds "/crm/v8" or "/fsm/v1"). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Defaults to the priority of the surrounding work (see src/common/request-priority.ts), else "interactive". */
  priority?: RequestPriority;
}

export interface ZohoResponse<Body = unknown> {
  status: number;
  /** Parsed JSON; null for an empty body (204). */
  body: Body | null;
  headers: Headers;
}

export interface ZohoTransport {
  /**
   * Sends one request and returns the vendor's answer for any status the connector must read itself
   * (200, 201, 202, 204, 207, 400, 404 …). Transport-level troubles — 401 after a refresh, 429 past the
   * retry budget, 5xx, network errors — are thrown as errors the sync engine treats as transient.
   */
  request<Body = unknown>(request: ZohoRequest): Promise<ZohoResponse<Body>>;
}
