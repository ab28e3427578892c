import { FieldDataType as T, PersonalDataClass as P, SystemName } from "./field-definition.entity";

/** [apiName, fieldName, label, type, mandatory?, personal data?, picklist values or lookup module?] */
type Spec = [string, string, string, T, boolean?, P?, (string[] | string)?];

const address = (prefix: string, fieldPrefix: string, label: string, street = P.NONE): Spec[] => [
  [`${prefix}_Street`, `${fieldPrefix}.street`, `${label} Street`, T.TEXT, false, street],
  [`${prefix}_City`, `${fieldPrefix}.city`, `${label} City`, T.TEXT],
  [`${prefix}_State`, `${fieldPrefix}.state`, `${label} State`, T.TEXT],
  [`${prefix}_Code`, `${fieldPrefix}.code`, `${label} Code`, T.TEXT],
  [`${prefix}_Country`, `${fieldPrefix}.country`, `${label} Country`, T.TEXT],
];

const lineItem: Spec[] = [
  ["Quantity", "quantity", "Quantity", T.DECIMAL, true],
  ["List_Price", "listPrice", "List Price", T.CURRENCY],
  ["Discount", "discount", "Discount", T.CURRENCY],
  ["Tax", "tax", "Tax", T.CURRENCY],
  ["Amount", "amount", "Amount", T.CURRENCY],
];

const fsmLineItem: Spec[] = [
  ["Kind", "kind", "Line Type", T.PICKLIST, true, P.NONE, ["Service", "Part"]],
  ["Service_And_Part", "serviceAndPartId", "Service/Part", T.LOOKUP, false, P.NONE, "Services_And_Parts"],
  ["Parent_Line", "parentLineId", "Service Line", T.TEXT],
  ...lineItem,
];

/** The standard fields of every module the gateway knows, as the vendors' APIs name them. */
export const STANDARD_FIELDS: Record<SystemName, Record<string, Spec[]>> = {
  [SystemName.CRM]: {
    Accounts: [
      ["Account_Name", "accountName", "Account Name", T.TEXT, true],
      ["Phone", "phone", "Phone", T.PHONE],
      ["Website", "website", "Website", T.URL],
      ["Industry", "industry", "Industry", T.PICKLIST, false, P.NONE, ["Construction", "Healthcare", "Hospitality", "Manufacturing", "Retail", "Utilities", "Other"]],
      ...address("Billing", "billingAddress", "Billing"),
      ...address("Shipping", "shippingAddress", "Shipping"),
      ["Description", "description", "Description", T.TEXTAREA],
    ],
    Contacts: [
      ["Last_Name", "lastName", "Last Name", T.TEXT, true],
      ["First_Name", "firstName", "First Name", T.TEXT, false, P.NORMAL],
      ["Email", "email", "Email", T.EMAIL, false, P.NORMAL],
      ["Phone", "phone", "Phone", T.PHONE, false, P.NORMAL],
      ["Mobile", "mobile", "Mobile", T.PHONE, false, P.NORMAL],
      ["Account_Name", "accountId", "Account Name", T.LOOKUP, false, P.NONE, "Accounts"],
      ...address("Mailing", "mailingAddress", "Mailing", P.SENSITIVE),
    ],
    Products: [
      ["Product_Name", "productName", "Product Name", T.TEXT, true],
      ["Product_Code", "productCode", "Product Code", T.TEXT],
      ["Unit_Price", "unitPrice", "Unit Price", T.CURRENCY],
      ["Product_Active", "productActive", "Product Active", T.BOOLEAN],
      ["Description", "description", "Description", T.TEXTAREA],
      ["Type", "type", "Type", T.PICKLIST, false, P.NONE, ["Service", "Goods"]],
    ],
    Deals: [
      ["Deal_Name", "dealName", "Deal Name", T.TEXT, true],
      ["Stage", "stage", "Stage", T.PICKLIST, false, P.NONE, ["Qualification", "Needs Analysis", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]],
      ["Amount", "amount", "Amount", T.CURRENCY],
      ["Closing_Date", "closingDate", "Closing Date", T.DATE],
      ["Account_Name", "accountId", "Account Name", T.LOOKUP, false, P.NONE, "Accounts"],
      ["Contact_Name", "contactId", "Contact Name", T.LOOKUP, false, P.NONE, "Contacts"],
    ],
    Sales_Orders: [
      ["Subject", "subject", "Subject", T.TEXT, true],
      ["Status", "status", "Status", T.PICKLIST, false, P.NONE, ["Created", "Approved", "Delivered", "Cancelled"]],
      ["Due_Date", "dueDate", "Due Date", T.DATE],
      ["Account_Name", "accountId", "Account Name", T.LOOKUP, false, P.NONE, "Accounts"],
      ["Contact_Name", "contactId", "Contact Name", T.LOOKUP, false, P.NONE, "Contacts"],
      ["Deal_Name", "dealId", "Deal Name", T.LOOKUP, false, P.NONE, "Deals"],
      ["Sub_Total", "subTotal", "Sub Total", T.CURRENCY],
      ["Grand_Total", "grandTotal", "Grand Total", T.CURRENCY],
    ],
    Sales_Order_Line_Items: [["Product_Name", "productId", "Product", T.LOOKUP, false, P.NONE, "Products"], ...lineItem],
  },
  [SystemName.FSM]: {
    Companies: [
      ["Company_Name", "companyName", "Company Name", T.TEXT, true],
      ["Email", "email", "Email", T.EMAIL],
      ["Phone", "phone", "Phone", T.PHONE],
      ["Mobile", "mobile", "Mobile", T.PHONE],
      ["Website", "website", "Website", T.URL],
      ...address("Service_Address", "serviceAddress", "Service Address"),
      ...address("Billing_Address", "billingAddress", "Billing Address"),
    ],
    Contacts: [
      ["Last_Name", "lastName", "Last Name", T.TEXT, true],
      ["First_Name", "firstName", "First Name", T.TEXT, false, P.NORMAL],
      ["Email", "email", "Email", T.EMAIL, true, P.NORMAL],
      ["Phone", "phone", "Phone", T.PHONE, false, P.NORMAL],
      ["Mobile", "mobile", "Mobile", T.PHONE, false, P.NORMAL],
      ["Company", "companyId", "Company", T.LOOKUP, false, P.NONE, "Companies"],
      ...address("Address", "address", "Address", P.SENSITIVE),
    ],
    Services_And_Parts: [
      ["Name", "name", "Name", T.TEXT, true],
      ["Type", "type", "Type", T.PICKLIST, true, P.NONE, ["Service", "Part"]],
      ["Unit_Price", "unitPrice", "Unit Price", T.CURRENCY, true],
      ["Unit", "unit", "Unit", T.TEXT],
      ["Description", "description", "Description", T.TEXTAREA],
      ["SKU", "sku", "SKU", T.TEXT],
      ["Active", "active", "Active", T.BOOLEAN],
    ],
    Requests: [
      ["Summary", "summary", "Summary", T.TEXT, true],
      ["Priority", "priority", "Priority", T.PICKLIST, false, P.NONE, ["Critical", "High", "Medium", "Low"]],
      ["Status", "status", "Status", T.PICKLIST, false, P.NONE, ["New", "Estimate Created", "Estimate Rejected", "Work In Progress", "Completed", "Closed", "Cancelled", "Cannot Complete"]],
      ["Company", "companyId", "Company", T.LOOKUP, false, P.NONE, "Companies"],
      ["Contact", "contactId", "Contact", T.LOOKUP, false, P.NONE, "Contacts"],
      ["Asset", "assetId", "Asset", T.LOOKUP, false, P.NONE, "Assets"],
      ["Due_Date", "dueDate", "Due Date", T.DATE],
      ["Preferred_Date", "preferredDate", "Preferred Date", T.DATE],
      ["Preferred_Time", "preferredTime", "Preferred Time", T.PICKLIST, false, P.NONE, ["Any", "Morning", "Afternoon", "Evening"]],
    ],
    Estimates: [
      ["Summary", "summary", "Summary", T.TEXT, true],
      ["Status", "status", "Status", T.PICKLIST, false, P.NONE, ["Draft", "Sent", "Accepted", "Rejected", "Converted"]],
      ["Company", "companyId", "Company", T.LOOKUP, false, P.NONE, "Companies"],
      ["Contact", "contactId", "Contact", T.LOOKUP, false, P.NONE, "Contacts"],
      ["Request", "requestId", "Request", T.LOOKUP, false, P.NONE, "Requests"],
      ["Expiry_Date", "expiryDate", "Expiry Date", T.DATE],
      ["Sub_Total", "subTotal", "Sub Total", T.CURRENCY],
      ["Grand_Total", "grandTotal", "Grand Total", T.CURRENCY],
    ],
    Estimate_Line_Items: fsmLineItem,
    Work_Orders: [
      ["Summary", "summary", "Summary", T.TEXT, true],
      ["Type", "type", "Type", T.PICKLIST, false, P.NONE, ["Service", "Inspection"]],
      ["Status", "status", "Status", T.PICKLIST, false, P.NONE, ["New", "Scheduled", "In Progress", "Completed", "Closed", "Cancelled", "Cannot Complete"]],
      ["Priority", "priority", "Priority", T.PICKLIST, false, P.NONE, ["Critical", "High", "Medium", "Low"]],
      ["Company", "companyId", "Company", T.LOOKUP, false, P.NONE, "Companies"],
      ["Contact", "contactId", "Contact", T.LOOKUP, false, P.NONE, "Contacts"],
      ["Asset", "assetId", "Asset", T.LOOKUP, false, P.NONE, "Assets"],
      ["Request", "requestId", "Request", T.LOOKUP, false, P.NONE, "Requests"],
      ["Estimate", "estimateId", "Estimate", T.LOOKUP, false, P.NONE, "Estimates"],
      ["Due_Date", "dueDate", "Due Date", T.DATE],
      ["Sub_Total", "subTotal", "Sub Total", T.CURRENCY],
      ["Grand_Total", "grandTotal", "Grand Total", T.CURRENCY],
    ],
    Work_Order_Line_Items: fsmLineItem,
    Service_Appointments: [
      ["Summary", "summary", "Summary", T.TEXT],
      ["Work_Order", "workOrderId", "Work Order", T.LOOKUP, true, P.NONE, "Work_Orders"],
      ["Scheduled_Start", "scheduledStart", "Scheduled Start", T.DATETIME, true],
      ["Scheduled_End", "scheduledEnd", "Scheduled End", T.DATETIME, true],
      ["Status", "status", "Status", T.PICKLIST, false, P.NONE, ["New", "Scheduled", "Dispatched", "In Progress", "Completed", "Cancelled", "Cannot Complete"]],
      ["Technician", "technician", "Technician", T.TEXT],
      ["Actual_Start", "actualStart", "Actual Start", T.DATETIME],
      ["Actual_End", "actualEnd", "Actual End", T.DATETIME],
    ],
    Assets: [
      ["Name", "name", "Name", T.TEXT, true],
      ["Asset_Number", "assetNumber", "Asset Number", T.TEXT],
      ["Product", "serviceAndPartId", "Product", T.LOOKUP, false, P.NONE, "Services_And_Parts"],
      ["Company", "companyId", "Company", T.LOOKUP, false, P.NONE, "Companies"],
      ["Contact", "contactId", "Contact", T.LOOKUP, false, P.NONE, "Contacts"],
      ["Serial", "serial", "Serial Number", T.TEXT],
      ["Installation_Date", "installationDate", "Installation Date", T.DATE],
      ["Warranty_Expiry", "warrantyExpiry", "Warranty Expiry", T.DATE],
    ],
  },
};
