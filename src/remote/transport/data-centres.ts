import type { Config } from "../../config/config";
import { byKey, type SideKey } from "../../common/side";

export type ZohoSystem = SideKey;

/** The API root below each system's host. */
export const API_ROOTS: Record<ZohoSystem, string> = { crm: "/crm/v8", fsm: "/fsm/v1" };

/** The accounts server that issues this org's tokens. */
export function accountsUrl(config: Config): string {
  return config.zohoAccountsUrl;
}

/** Where a system's API root lives, e.g. https://www.zohoapis.eu/crm/v8. */
export function apiBaseUrl(system: ZohoSystem, config: Config): string {
  return `${byKey(system, { crm: config.crmApiUrl, fsm: config.fsmApiUrl })}${API_ROOTS[system]}`;
}
