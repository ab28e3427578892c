import type { FieldDataType, PersonalDataClass, SystemName } from "../fields/field-definition.entity";

/** [apiName, fieldName, label, type, mandatory?, personal data?, picklist values or lookup module?] */
export type FieldSpec = readonly [string, string, string, FieldDataType, boolean?, PersonalDataClass?, (readonly string[] | string)?];

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

/** How a module appears in its vendor's API. */
export interface VendorFacts {
  /** The vendor's module API name in URLs. */
  module: string;
  /** Other spellings the vendor's hooks and notifications use for the module (lower case). */
  aliases?: readonly string[];
  /** Field API names (our catalogue's) that the vendor spells differently on the wire. */
  renames?: Readonly<Record<string, string>>;
  /** Record fields the catalogue does not list, by wire name. */
  extraFields?: Readonly<Record<string, string>>;
  subform?: SubformSpec;
  /** The subforms this module's records carry (asked for in `fields`, never custom fields). */
  subformFields?: readonly string[];
}

/** A CRM module that syncs with an FSM module. */
export interface SyncFacts {
  pair: string;
  fsmModule: string;
  /** The FSM field that refers to the synced record (companyId on a Request). */
  fsmField: string;
  /** How duplicates are found in the initial sync. */
  duplicateKey?: { crmField: string; fsmField: string };
}

/**
 * Everything the gateway knows about one module. Column types, lengths and precision are not repeated here:
 * the entity's TypeORM decorators state them, and the input checks read them from there.
 */
export interface ModuleFacts {
  system: SystemName;
  /** One record, as people say it: "Sales Order". */
  label: string;
  entity: abstract new () => object;
  vendor: VendorFacts;
  /** The standard fields, as the vendor's API names them. */
  fields: readonly FieldSpec[];
  /** Shorter limits the vendor sets than our columns (vendor-api-notes 5.4), by property. */
  vendorMaxLength?: Readonly<Record<string, number>>;
  /** CRM: the FSM module it syncs with. */
  sync?: SyncFacts;
  /** CRM: the FSM modules a record can be created from it, and whether it becomes their parent. */
  conversion?: { targets: readonly string[]; becomesParent: boolean };
  /** FSM: the CRM modules that can be its parent, and whether a user may link one by hand. */
  parents?: { modules: readonly string[]; linkByHand: boolean };
}
