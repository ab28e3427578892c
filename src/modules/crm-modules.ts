import { FieldDataType as T, PersonalDataClass as P, SystemName } from "../fields/field-definition.entity";
import { Account } from "../crm/entities/account.entity";
import { CrmContact } from "../crm/entities/crm-contact.entity";
import { Product } from "../crm/entities/product.entity";
import { Deal } from "../crm/entities/deal.entity";
import { SalesOrder } from "../crm/entities/sales-order.entity";
import { SalesOrderLineItem } from "../crm/entities/sales-order-line-item.entity";
import type { ModuleFacts } from "./module-facts";
import { address, lineItem } from "./field-specs";

const CRM = SystemName.CRM;

/** The CRM modules, by the gateway's module name. The order is the order lists and catalogues show them in. */
export const CRM_MODULES = {
  Accounts: {
    system: CRM,
    label: "Account",
    entity: Account,
    vendor: { module: "Accounts" },
    fields: [
      ["Account_Name", "accountName", "Account Name", T.TEXT, true],
      ["Phone", "phone", "Phone", T.PHONE],
      ["Website", "website", "Website", T.URL],
      [
        "Industry",
        "industry",
        "Industry",
        T.PICKLIST,
        false,
        P.NONE,
        ["Construction", "Healthcare", "Hospitality", "Manufacturing", "Retail", "Utilities", "Other"],
      ],
      ...address("Billing", "billingAddress", "Billing"),
      ...address("Shipping", "shippingAddress", "Shipping"),
      ["Description", "description", "Description", T.TEXTAREA],
    ],
    sync: { pair: "ACCOUNTS_COMPANIES", fsmModule: "Companies", fsmField: "companyId", duplicateKey: { crmField: "accountName", fsmField: "companyName" } },
    conversion: { targets: ["Requests", "Estimates", "Work_Orders"], becomesParent: false },
  },
  Contacts: {
    system: CRM,
    label: "Contact",
    entity: CrmContact,
    vendor: { module: "Contacts" },
    fields: [
      ["Last_Name", "lastName", "Last Name", T.TEXT, true],
      ["First_Name", "firstName", "First Name", T.TEXT, false, P.NORMAL],
      ["Email", "email", "Email", T.EMAIL, false, P.NORMAL],
      ["Phone", "phone", "Phone", T.PHONE, false, P.NORMAL],
      ["Mobile", "mobile", "Mobile", T.PHONE, false, P.NORMAL],
      ["Account_Name", "accountId", "Account Name", T.LOOKUP, false, P.NONE, "Accounts"],
      ...address("Mailing", "mailingAddress", "Mailing", P.SENSITIVE),
    ],
    sync: { pair: "CONTACTS_CONTACTS", fsmModule: "Contacts", fsmField: "contactId", duplicateKey: { crmField: "email", fsmField: "email" } },
    conversion: { targets: ["Requests", "Estimates", "Work_Orders"], becomesParent: false },
  },
  Products: {
    system: CRM,
    label: "Product",
    entity: Product,
    vendor: { module: "Products" },
    fields: [
      ["Product_Name", "productName", "Product Name", T.TEXT, true],
      ["Product_Code", "productCode", "Product Code", T.TEXT],
      ["Unit_Price", "unitPrice", "Unit Price", T.CURRENCY],
      ["Product_Active", "productActive", "Product Active", T.BOOLEAN],
      ["Description", "description", "Description", T.TEXTAREA],
      ["Type", "type", "Type", T.PICKLIST, false, P.NONE, ["Service", "Goods"]],
    ],
    vendorMaxLength: { productName: 50 },
    sync: { pair: "PRODUCTS_SERVICES_AND_PARTS", fsmModule: "Services_And_Parts", fsmField: "serviceAndPartId" },
    conversion: { targets: ["Assets"], becomesParent: false },
  },
  Deals: {
    system: CRM,
    label: "Deal",
    entity: Deal,
    vendor: { module: "Deals" },
    fields: [
      ["Deal_Name", "dealName", "Deal Name", T.TEXT, true],
      ["Stage", "stage", "Stage", T.PICKLIST, false, P.NONE, ["Qualification", "Needs Analysis", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]],
      ["Amount", "amount", "Amount", T.CURRENCY],
      ["Closing_Date", "closingDate", "Closing Date", T.DATE],
      ["Account_Name", "accountId", "Account Name", T.LOOKUP, false, P.NONE, "Accounts"],
      ["Contact_Name", "contactId", "Contact Name", T.LOOKUP, false, P.NONE, "Contacts"],
    ],
    conversion: { targets: ["Requests", "Estimates", "Work_Orders"], becomesParent: true },
  },
  Sales_Orders: {
    system: CRM,
    label: "Sales Order",
    entity: SalesOrder,
    vendor: { module: "Sales_Orders", subformFields: ["Ordered_Items"] },
    fields: [
      ["Subject", "subject", "Subject", T.TEXT, true],
      ["Status", "status", "Status", T.PICKLIST, false, P.NONE, ["Created", "Approved", "Delivered", "Cancelled"]],
      ["Due_Date", "dueDate", "Due Date", T.DATE],
      ["Account_Name", "accountId", "Account Name", T.LOOKUP, false, P.NONE, "Accounts"],
      ["Contact_Name", "contactId", "Contact Name", T.LOOKUP, false, P.NONE, "Contacts"],
      ["Deal_Name", "dealId", "Deal Name", T.LOOKUP, false, P.NONE, "Deals"],
      ["Sub_Total", "subTotal", "Sub Total", T.CURRENCY],
      ["Tax", "tax", "Tax", T.CURRENCY],
      ["Grand_Total", "grandTotal", "Grand Total", T.CURRENCY],
    ],
    conversion: { targets: ["Assets", "Requests", "Estimates", "Work_Orders"], becomesParent: true },
  },
  Sales_Order_Line_Items: {
    system: CRM,
    label: "Sales Order Line Item",
    entity: SalesOrderLineItem,
    vendor: {
      module: "Sales_Orders",
      extraFields: { Sequence: "position" },
      subform: { parentModule: "Sales_Orders", parentField: "salesOrderId", vendorField: "Ordered_Items", replacesRows: true },
    },
    fields: [["Product_Name", "productId", "Product", T.LOOKUP, false, P.NONE, "Products"], ...lineItem],
  },
} as const satisfies Record<string, ModuleFacts>;
