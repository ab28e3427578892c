import { FieldDataType as T, PersonalDataClass as P, SystemName } from "../fields/field-definition.entity";
import { Company } from "../fsm/entities/company.entity";
import { FsmContact } from "../fsm/entities/fsm-contact.entity";
import { ServiceAndPart } from "../fsm/entities/service-and-part.entity";
import { Request } from "../fsm/entities/request.entity";
import { Estimate } from "../fsm/entities/estimate.entity";
import { EstimateLineItem } from "../fsm/entities/estimate-line-item.entity";
import { WorkOrder } from "../fsm/entities/work-order.entity";
import { WorkOrderLineItem } from "../fsm/entities/work-order-line-item.entity";
import { ServiceAppointment } from "../fsm/entities/service-appointment.entity";
import { Asset } from "../fsm/entities/asset.entity";
import type { ModuleFacts } from "./module-facts";
import { address, fsmLineItem, fsmLineVendor } from "./field-specs";

const FSM = SystemName.FSM;
const DEAL_OR_SALES_ORDER = { modules: ["Deals", "Sales_Orders"], linkByHand: true } as const;

/** The FSM modules, by the gateway's module name. The order is the order lists and catalogues show them in. */
export const FSM_MODULES = {
  Companies: {
    system: FSM,
    label: "Company",
    entity: Company,
    vendor: { module: "Companies" },
    fields: [
      ["Company_Name", "companyName", "Company Name", T.TEXT, true],
      ["Email", "email", "Email", T.EMAIL],
      ["Phone", "phone", "Phone", T.PHONE],
      ["Mobile", "mobile", "Mobile", T.PHONE],
      ["Website", "website", "Website", T.URL],
      ...address("Service_Address", "serviceAddress", "Service Address"),
      ...address("Billing_Address", "billingAddress", "Billing Address"),
    ],
  },
  Contacts: {
    system: FSM,
    label: "Contact",
    entity: FsmContact,
    vendor: { module: "Contacts" },
    fields: [
      ["Last_Name", "lastName", "Last Name", T.TEXT, true],
      ["First_Name", "firstName", "First Name", T.TEXT, false, P.NORMAL],
      ["Email", "email", "Email", T.EMAIL, true, P.NORMAL],
      ["Phone", "phone", "Phone", T.PHONE, false, P.NORMAL],
      ["Mobile", "mobile", "Mobile", T.PHONE, false, P.NORMAL],
      ["Company", "companyId", "Company", T.LOOKUP, false, P.NONE, "Companies"],
      ...address("Address", "address", "Address", P.SENSITIVE),
    ],
  },
  Services_And_Parts: {
    system: FSM,
    label: "Service and Part",
    entity: ServiceAndPart,
    vendor: { module: "Service_And_Parts" },
    fields: [
      ["Name", "name", "Name", T.TEXT, true],
      ["Type", "type", "Type", T.PICKLIST, true, P.NONE, ["Service", "Part"]],
      ["Unit_Price", "unitPrice", "Unit Price", T.CURRENCY, true],
      ["Unit", "unit", "Unit", T.TEXT],
      ["Description", "description", "Description", T.TEXTAREA],
      ["SKU", "sku", "SKU", T.TEXT],
      ["Active", "active", "Active", T.BOOLEAN],
    ],
  },
  Requests: {
    system: FSM,
    label: "Request",
    entity: Request,
    vendor: { module: "Requests" },
    fields: [
      ["Summary", "summary", "Summary", T.TEXT, true],
      ["Priority", "priority", "Priority", T.PICKLIST, false, P.NONE, ["Critical", "High", "Medium", "Low"]],
      [
        "Status",
        "status",
        "Status",
        T.PICKLIST,
        false,
        P.NONE,
        ["New", "Estimate Created", "Estimate Rejected", "Work In Progress", "Completed", "Closed", "Cancelled", "Cannot Complete"],
      ],
      ["Company", "companyId", "Company", T.LOOKUP, false, P.NONE, "Companies"],
      ["Contact", "contactId", "Contact", T.LOOKUP, false, P.NONE, "Contacts"],
      ["Asset", "assetId", "Asset", T.LOOKUP, false, P.NONE, "Assets"],
      ["Phone", "phone", "Phone", T.PHONE],
      ["Due_Date", "dueDate", "Due Date", T.DATE],
      ["Preferred_Date", "preferredDate", "Preferred Date", T.DATE],
      ["Preferred_Time", "preferredTime", "Preferred Time", T.PICKLIST, false, P.NONE, ["Any", "Morning", "Afternoon", "Evening"]],
    ],
    parents: DEAL_OR_SALES_ORDER,
  },
  Estimates: {
    system: FSM,
    label: "Estimate",
    entity: Estimate,
    vendor: { module: "Estimates", subformFields: ["Service_Line_Items"] },
    fields: [
      ["Summary", "summary", "Summary", T.TEXT, true],
      ["Status", "status", "Status", T.PICKLIST, false, P.NONE, ["Draft", "Sent", "Accepted", "Rejected", "Expired", "Converted"]],
      ["Company", "companyId", "Company", T.LOOKUP, false, P.NONE, "Companies"],
      ["Contact", "contactId", "Contact", T.LOOKUP, false, P.NONE, "Contacts"],
      ["Request", "requestId", "Request", T.LOOKUP, false, P.NONE, "Requests"],
      ["Expiry_Date", "expiryDate", "Expiry Date", T.DATE],
      ["Sub_Total", "subTotal", "Sub Total", T.CURRENCY],
      ["Grand_Total", "grandTotal", "Grand Total", T.CURRENCY],
    ],
    parents: DEAL_OR_SALES_ORDER,
  },
  Estimate_Line_Items: {
    system: FSM,
    label: "Estimate Line Item",
    entity: EstimateLineItem,
    vendor: fsmLineVendor("Estimates", "estimateId"),
    fields: fsmLineItem,
  },
  Work_Orders: {
    system: FSM,
    label: "Work Order",
    entity: WorkOrder,
    vendor: { module: "Work_Orders", subformFields: ["Service_Line_Items"] },
    fields: [
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
    parents: DEAL_OR_SALES_ORDER,
  },
  Work_Order_Line_Items: {
    system: FSM,
    label: "Work Order Line Item",
    entity: WorkOrderLineItem,
    vendor: fsmLineVendor("Work_Orders", "workOrderId"),
    fields: fsmLineItem,
  },
  Service_Appointments: {
    system: FSM,
    label: "Service Appointment",
    entity: ServiceAppointment,
    vendor: { module: "Service_Appointments" },
    fields: [
      ["Summary", "summary", "Summary", T.TEXT],
      ["Work_Order", "workOrderId", "Work Order", T.LOOKUP, true, P.NONE, "Work_Orders"],
      ["Scheduled_Start", "scheduledStart", "Scheduled Start", T.DATETIME, true],
      ["Scheduled_End", "scheduledEnd", "Scheduled End", T.DATETIME, true],
      ["Status", "status", "Status", T.PICKLIST, false, P.NONE, ["New", "Scheduled", "Dispatched", "In Progress", "Completed", "Cancelled", "Cannot Complete"]],
      ["Technician", "technician", "Technician", T.TEXT],
      ["Actual_Start", "actualStart", "Actual Start", T.DATETIME],
      ["Actual_End", "actualEnd", "Actual End", T.DATETIME],
    ],
  },
  Assets: {
    system: FSM,
    label: "Asset",
    entity: Asset,
    vendor: { module: "Assets" },
    fields: [
      ["Name", "name", "Name", T.TEXT, true],
      ["Asset_Number", "assetNumber", "Asset Number", T.TEXT],
      ["Product", "serviceAndPartId", "Product", T.LOOKUP, false, P.NONE, "Services_And_Parts"],
      ["Company", "companyId", "Company", T.LOOKUP, false, P.NONE, "Companies"],
      ["Contact", "contactId", "Contact", T.LOOKUP, false, P.NONE, "Contacts"],
      ["Serial", "serial", "Serial Number", T.TEXT],
      ["Installation_Date", "installationDate", "Installation Date", T.DATE],
      ["Warranty_Expiry", "warrantyExpiry", "Warranty Expiry", T.DATE],
    ],
    // An Asset made from a Sales Order keeps it as parent; nobody links one by hand.
    parents: { modules: ["Sales_Orders"], linkByHand: false },
  },
} as const satisfies Record<string, ModuleFacts>;
