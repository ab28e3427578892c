import { registerEnumType } from "type-graphql";

/** CRM modules FSM records can be created from. */
export enum ConversionSource {
  Accounts = "Accounts",
  Contacts = "Contacts",
  Deals = "Deals",
  Sales_Orders = "Sales_Orders",
  Products = "Products",
}
registerEnumType(ConversionSource, { name: "ConversionSource" });

/** FSM modules that can be created from a CRM record. */
export enum ConversionTarget {
  Requests = "Requests",
  Estimates = "Estimates",
  Work_Orders = "Work_Orders",
  Assets = "Assets",
}
registerEnumType(ConversionTarget, { name: "ConversionTarget" });

/** What can be created from what (the product's rules): Products make Assets; Sales Orders make all four. */
export const ALLOWED_TARGETS: Record<ConversionSource, ConversionTarget[]> = {
  [ConversionSource.Accounts]: [ConversionTarget.Requests, ConversionTarget.Estimates, ConversionTarget.Work_Orders],
  [ConversionSource.Contacts]: [ConversionTarget.Requests, ConversionTarget.Estimates, ConversionTarget.Work_Orders],
  [ConversionSource.Deals]: [ConversionTarget.Requests, ConversionTarget.Estimates, ConversionTarget.Work_Orders],
  [ConversionSource.Sales_Orders]: [ConversionTarget.Assets, ConversionTarget.Requests, ConversionTarget.Estimates, ConversionTarget.Work_Orders],
  [ConversionSource.Products]: [ConversionTarget.Assets],
};

/** Deals and Sales Orders become the parent of what is created from them. */
export const PARENT_SOURCES = new Set<ConversionSource>([ConversionSource.Deals, ConversionSource.Sales_Orders]);

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
    ? [{ sourceField: "Sub_Total", targetField: "Sub_Total" }, { sourceField: "Grand_Total", targetField: "Grand_Total" }]
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
      return [{ sourceField: "Product_Name", targetField: "Name" }, { sourceField: "Product_Code", targetField: "Asset_Number" }];
  }
}
