import type { Config } from "../config/config";
import { PlainTransport } from "./transport/plain-transport";
import type { ZohoTransport } from "./transport/zoho-transport";
import { bySide, type Side } from "../common/side";

export type RemoteSystem = Side;

/** Builds the transport of one system; the gateway's wiring takes another one for tests or a new transport. */
export type TransportFactory = (system: RemoteSystem, config: Config) => ZohoTransport;

export function apiRootOf(system: RemoteSystem, config: Config): string {
  return bySide(system, { CRM: `${config.crmApiUrl}/crm/v8`, FSM: `${config.fsmApiUrl}/fsm/v1` });
}

/**
 * The seam where the OAuth transport (refresh tokens per data centre, request budget, backoff) plugs in.
 * Until it does, a fixed access token (ZOHO_ACCESS_TOKEN) is required.
 */
export const createTransport: TransportFactory = (system, config) => {
  if (!config.zohoAccessToken) throw new Error(`${system}_CONNECTOR=zoho needs ZOHO_ACCESS_TOKEN (until the OAuth transport is configured)`);
  return new PlainTransport(apiRootOf(system, config), config.zohoAccessToken);
};
