import { SyncPair } from "../sync-pair";

export interface MappingSpec {
  crmField: string;
  fsmField: string;
  valueMap?: Record<string, string> | null;
  fsmDefault?: string | null;
}

const address = (crmPrefix: string, fsmPrefix: string): MappingSpec[] =>
  ["Street", "City", "State", "Code", "Country"].map((part) => ({ crmField: `${crmPrefix}_${part}`, fsmField: `${fsmPrefix}_${part}` }));

/** The mappings the gateway ships with; admins replace them per pair. */
export const DEFAULT_MAPPINGS: Record<SyncPair, MappingSpec[]> = {
  [SyncPair.ACCOUNTS_COMPANIES]: [
    { crmField: "Account_Name", fsmField: "Company_Name" },
    { crmField: "Phone", fsmField: "Phone" },
    { crmField: "Website", fsmField: "Website" },
    ...address("Billing", "Billing_Address"),
    ...address("Shipping", "Service_Address"),
  ],
  [SyncPair.CONTACTS_CONTACTS]: [
    { crmField: "Last_Name", fsmField: "Last_Name" },
    { crmField: "First_Name", fsmField: "First_Name" },
    { crmField: "Email", fsmField: "Email" },
    { crmField: "Phone", fsmField: "Phone" },
    { crmField: "Mobile", fsmField: "Mobile" },
    { crmField: "Account_Name", fsmField: "Company" },
    ...address("Mailing", "Address"),
  ],
  [SyncPair.PRODUCTS_SERVICES_AND_PARTS]: [
    { crmField: "Product_Name", fsmField: "Name" },
    { crmField: "Unit_Price", fsmField: "Unit_Price" },
    { crmField: "Description", fsmField: "Description" },
    // Goods is the CRM's default: a Product with no Type becomes a Part.
    { crmField: "Type", fsmField: "Type", valueMap: { Service: "Service", Goods: "Part" }, fsmDefault: "Part" },
    { crmField: "Product_Code", fsmField: "SKU" },
    { crmField: "Product_Active", fsmField: "Active" },
  ],
};
