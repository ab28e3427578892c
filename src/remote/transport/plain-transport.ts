import type { ZohoRequest, ZohoResponse, ZohoTransport } from "./zoho-transport";

/** Thrown for answers a connector cannot read itself (401, 429, 5xx): the sync engine retries them later. */
export class TransportError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The simplest transport: fetch with one fixed access token, no refresh, no budget, no retries. Stands in until
 * the OAuth/rate-limited transport replaces it (see src/remote/create-transport.ts); good for tests and short sessions.
 */
export class PlainTransport implements ZohoTransport {
  constructor(
    /** API root including the version, e.g. https://www.zohoapis.com/crm/v8. */
    private readonly apiRoot: string,
    private readonly accessToken: string,
  ) {}

  async request<Body = unknown>(request: ZohoRequest): Promise<ZohoResponse<Body>> {
    const url = new URL(this.apiRoot + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const response = await fetch(url, {
      method: request.method,
      headers: { authorization: `Zoho-oauthtoken ${this.accessToken}`, ...(request.body === undefined ? {} : { "content-type": "application/json" }) },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await response.text();
    if (response.status === 401 || response.status === 429 || response.status >= 500) {
      throw new TransportError(response.status, `${request.method} ${request.path}: HTTP ${response.status}`);
    }
    return { status: response.status, body: text ? (JSON.parse(text) as Body) : null, headers: response.headers };
  }
}
