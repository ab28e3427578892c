import { SystemName } from "../fields/field-definition.entity";

/** Records per insert, update or delete call, and ids per `ids=` read (the vendors' limit). */
export const WRITE_BATCH = 100;

/** A module whose records are rows of a subform inside another module's records (line items). */
export interface SubformSpec {
  /** Our module holding the parents, e.g. "Work_Orders". */
  parentModule: string;
  /** Our field on a row naming its parent, e.g. "workOrderId". */
  parentField: string;
  /** The subform's API name on the parent, e.g. "Service_Line_Items". */
  vendorField: string;
  /** Whether a PUT of the subform replaces it whole (CRM: rows left out are deleted) or adds to it (FSM). */
  replacesRows: boolean;
}

/** How one of our modules appears in a vendor's API. */
export interface ZohoModuleSpec {
  system: SystemName;
  /** The vendor's module API name in URLs. */
  vendorModule: string;
  /** Field API names (our catalogue's) that the vendor spells differently on the wire. */
  renames?: Record<string, string>;
  /** Record fields the catalogue does not list, by wire name. */
  extraFields?: Record<string, string>;
  subform?: SubformSpec;
  /** The subforms this module's records carry (asked for in `fields`, never custom fields). */
  subformFields?: string[];
}

const crm = (vendorModule: string, extra: Partial<ZohoModuleSpec> = {}): ZohoModuleSpec => ({ system: SystemName.CRM, vendorModule, ...extra });
const fsm = (vendorModule: string, extra: Partial<ZohoModuleSpec> = {}): ZohoModuleSpec => ({ system: SystemName.FSM, vendorModule, ...extra });
// Line items carry their order as Sequence; the FSM names a line's item "Service" whether it is a service or a part.
const fsmLine = (parentModule: string, parentField: string): Partial<ZohoModuleSpec> => ({
  renames: { Service_And_Part: "Service" },
  extraFields: { Sequence: "position" },
  subform: { parentModule, parentField, vendorField: "Service_Line_Items", replacesRows: false },
});

export const ZOHO_MODULES: Record<SystemName, Record<string, ZohoModuleSpec>> = {
  [SystemName.CRM]: {
    Accounts: crm("Accounts"),
    Contacts: crm("Contacts"),
    Products: crm("Products"),
    Deals: crm("Deals"),
    Sales_Orders: crm("Sales_Orders", { subformFields: ["Ordered_Items"] }),
    Sales_Order_Line_Items: crm("Sales_Orders", {
      extraFields: { Sequence: "position" },
      subform: { parentModule: "Sales_Orders", parentField: "salesOrderId", vendorField: "Ordered_Items", replacesRows: true },
    }),
  },
  [SystemName.FSM]: {
    Companies: fsm("Companies"),
    Contacts: fsm("Contacts"),
    Services_And_Parts: fsm("Service_And_Parts"),
    Requests: fsm("Requests"),
    Estimates: fsm("Estimates", { subformFields: ["Service_Line_Items"] }),
    Estimate_Line_Items: fsm("Estimates", fsmLine("Estimates", "estimateId")),
    Work_Orders: fsm("Work_Orders", { subformFields: ["Service_Line_Items"] }),
    Work_Order_Line_Items: fsm("Work_Orders", fsmLine("Work_Orders", "workOrderId")),
    Service_Appointments: fsm("Service_Appointments"),
    Assets: fsm("Assets"),
  },
};

export function moduleSpec(system: SystemName, module: string): ZohoModuleSpec {
  const spec = ZOHO_MODULES[system][module];
  if (!spec) throw new Error(`Unknown ${system} module ${module}`);
  return spec;
}

/** Our module behind a vendor module API name (the top-level one, not a subform). */
export function moduleOfVendor(system: SystemName, vendorModule: string): string | null {
  return Object.entries(ZOHO_MODULES[system]).find(([, spec]) => spec.vendorModule === vendorModule && !spec.subform)?.[0] ?? null;
}
