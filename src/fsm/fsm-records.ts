import { Company } from "./entities/company.entity";
import { FsmContact } from "./entities/fsm-contact.entity";
import { ServiceAndPart } from "./entities/service-and-part.entity";
import { Request } from "./entities/request.entity";
import { Estimate } from "./entities/estimate.entity";
import { EstimateLineItem } from "./entities/estimate-line-item.entity";
import { WorkOrder } from "./entities/work-order.entity";
import { WorkOrderLineItem } from "./entities/work-order-line-item.entity";
import { ServiceAppointment } from "./entities/service-appointment.entity";
import { Asset } from "./entities/asset.entity";

/** FSM modules by their vendor API name, each with the record class that holds it. */
export const FSM_ENTITIES = {
  Companies: Company,
  Contacts: FsmContact,
  Services_And_Parts: ServiceAndPart,
  Requests: Request,
  Estimates: Estimate,
  Estimate_Line_Items: EstimateLineItem,
  Work_Orders: WorkOrder,
  Work_Order_Line_Items: WorkOrderLineItem,
  Service_Appointments: ServiceAppointment,
  Assets: Asset,
} as const;

export type FsmRecords = { [K in keyof typeof FSM_ENTITIES]: InstanceType<(typeof FSM_ENTITIES)[K]> };
export type FsmModule = keyof FsmRecords;
