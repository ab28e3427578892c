import { Account } from "./entities/account.entity";
import { CrmContact } from "./entities/crm-contact.entity";
import { Product } from "./entities/product.entity";
import { Deal } from "./entities/deal.entity";
import { SalesOrder } from "./entities/sales-order.entity";
import { SalesOrderLineItem } from "./entities/sales-order-line-item.entity";

/** CRM modules by their vendor API name, each with the record class that holds it. */
export const CRM_ENTITIES = {
  Accounts: Account,
  Contacts: CrmContact,
  Products: Product,
  Deals: Deal,
  Sales_Orders: SalesOrder,
  Sales_Order_Line_Items: SalesOrderLineItem,
} as const;

export type CrmRecords = { [K in keyof typeof CRM_ENTITIES]: InstanceType<(typeof CRM_ENTITIES)[K]> };
export type CrmModule = keyof CrmRecords;
