/** A Zoho data centre: where its accounts server and API domain live (docs/operations.md "Connecting real vendor orgs"). */
export type ZohoDataCentre = "com" | "eu" | "in" | "com.au" | "jp" | "ca" | "sa" | "uk" | "com.cn";
export const ZOHO_DATA_CENTRES: readonly ZohoDataCentre[] = ["com", "eu", "in", "com.au", "jp", "ca", "sa", "uk", "com.cn"];

export interface DataCentreHosts {
  accounts: string;
  /** The CRM's API domain (the token response's api_domain). */
  crm: string;
  fsm: string;
}

/**
 * Hosts per data centre (vendor-api-notes 4.1, 5.1). Documented: the accounts servers of every DC listed here
 * except .com.cn, the CRM API domains www.zohoapis.{com,eu,in,com.au,com.cn,jp}, the FSM hosts fsm.zoho.com and
 * fsm.zoho.in. The rest follow Zoho's naming convention and are assumptions (notes 8.14); CRM_API_URL,
 * FSM_API_URL and ZOHO_ACCOUNTS_URL override them (config.ts picks the hosts).
 */
export const DATA_CENTRE_HOSTS: Record<ZohoDataCentre, DataCentreHosts> = {
  com: { accounts: "https://accounts.zoho.com", crm: "https://www.zohoapis.com", fsm: "https://fsm.zoho.com" },
  eu: { accounts: "https://accounts.zoho.eu", crm: "https://www.zohoapis.eu", fsm: "https://fsm.zoho.eu" },
  in: { accounts: "https://accounts.zoho.in", crm: "https://www.zohoapis.in", fsm: "https://fsm.zoho.in" },
  "com.au": { accounts: "https://accounts.zoho.com.au", crm: "https://www.zohoapis.com.au", fsm: "https://fsm.zoho.com.au" },
  jp: { accounts: "https://accounts.zoho.jp", crm: "https://www.zohoapis.jp", fsm: "https://fsm.zoho.jp" },
  ca: { accounts: "https://accounts.zohocloud.ca", crm: "https://www.zohoapis.ca", fsm: "https://fsm.zohocloud.ca" },
  sa: { accounts: "https://accounts.zoho.sa", crm: "https://www.zohoapis.sa", fsm: "https://fsm.zoho.sa" },
  uk: { accounts: "https://accounts.zoho.uk", crm: "https://www.zohoapis.uk", fsm: "https://fsm.zoho.uk" },
  "com.cn": { accounts: "https://accounts.zoho.com.cn", crm: "https://www.zohoapis.com.cn", fsm: "https://fsm.zoho.com.cn" },
};
