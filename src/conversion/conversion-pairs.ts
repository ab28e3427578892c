import { registerEnumType } from "type-graphql";
import { CONVERSION_SOURCES, CONVERSION_TARGETS } from "../modules/module-registry";

/** CRM modules FSM records can be created from (the module registry's conversion facts). */
export const ConversionSource = CONVERSION_SOURCES;
export type ConversionSource = keyof typeof CONVERSION_SOURCES;
registerEnumType(ConversionSource, { name: "ConversionSource" });

/** FSM modules that can be created from a CRM record. */
export const ConversionTarget = CONVERSION_TARGETS;
export type ConversionTarget = keyof typeof CONVERSION_TARGETS;
registerEnumType(ConversionTarget, { name: "ConversionTarget" });

export interface ConversionFieldSpec {
  /** CRM field API name; null when the target field only takes a default. */
  sourceField: string | null;
  targetField: string;
  defaultValue?: string | null;
}

const dueDate = (source: string, target: ConversionTarget): ConversionFieldSpec[] =>
  target === ConversionTarget.Assets ? [] : [{ sourceField: source, targetField: target === ConversionTarget.Estimates ? "Expiry_Date" : "Due_Date" }];

const totals = (target: ConversionTarget): ConversionFieldSpec[] =>
  target === ConversionTarget.Estimates || target === ConversionTarget.Work_Orders
    ? [
        { sourceField: "Sub_Total", targetField: "Sub_Total" },
        { sourceField: "Grand_Total", targetField: "Grand_Total" },
      ]
    : [];

/** The conversion field mappings the gateway ships with. Company, Contact, parent and lines are not mapped: they follow the rules. */
export function defaultConversionFields(source: ConversionSource, target: ConversionTarget): ConversionFieldSpec[] {
  const title = target === ConversionTarget.Assets ? "Name" : "Summary";
  switch (source) {
    case ConversionSource.Accounts:
      return [{ sourceField: "Account_Name", targetField: title }];
    case ConversionSource.Contacts:
      return [{ sourceField: "Last_Name", targetField: title }];
    case ConversionSource.Deals:
      return [{ sourceField: "Deal_Name", targetField: title }, ...dueDate("Closing_Date", target)];
    case ConversionSource.Sales_Orders:
      return [{ sourceField: "Subject", targetField: title }, ...dueDate("Due_Date", target), ...totals(target)];
    case ConversionSource.Products:
      return [
        { sourceField: "Product_Name", targetField: "Name" },
        { sourceField: "Product_Code", targetField: "Asset_Number" },
      ];
  }
}
