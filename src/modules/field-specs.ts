import { FieldDataType as T, PersonalDataClass as P } from "../fields/field-definition.entity";
import type { FieldSpec } from "./module-facts";

/** The five fields of an address, e.g. Billing_Street … Billing_Country on billingAddress. */
export const address = (prefix: string, fieldPrefix: string, label: string, street = P.NONE): FieldSpec[] => [
  [`${prefix}_Street`, `${fieldPrefix}.street`, `${label} Street`, T.TEXT, false, street],
  [`${prefix}_City`, `${fieldPrefix}.city`, `${label} City`, T.TEXT],
  [`${prefix}_State`, `${fieldPrefix}.state`, `${label} State`, T.TEXT],
  [`${prefix}_Code`, `${fieldPrefix}.code`, `${label} Code`, T.TEXT],
  [`${prefix}_Country`, `${fieldPrefix}.country`, `${label} Country`, T.TEXT],
];

export const lineItem: FieldSpec[] = [
  ["Quantity", "quantity", "Quantity", T.DECIMAL, true],
  ["List_Price", "listPrice", "List Price", T.CURRENCY],
  ["Discount", "discount", "Discount", T.CURRENCY],
  ["Tax", "tax", "Tax", T.CURRENCY],
  ["Amount", "amount", "Amount", T.CURRENCY],
];

export const fsmLineItem: FieldSpec[] = [
  ["Kind", "kind", "Line Type", T.PICKLIST, true, P.NONE, ["Service", "Part"]],
  ["Service_And_Part", "serviceAndPartId", "Service/Part", T.LOOKUP, false, P.NONE, "Services_And_Parts"],
  ["Parent_Line", "parentLineId", "Service Line", T.TEXT],
  ...lineItem,
];

/** An FSM line item's vendor facts: rows of the parent's Service_Line_Items, ordered by Sequence. */
export const fsmLineVendor = (parentModule: string, parentField: string) => ({
  module: parentModule,
  // The FSM names a line's item "Service" whether it is a service or a part.
  renames: { Service_And_Part: "Service" },
  extraFields: { Sequence: "position" },
  subform: { parentModule, parentField, vendorField: "Service_Line_Items", replacesRows: false },
});
