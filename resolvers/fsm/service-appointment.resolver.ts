import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../src/http/context";
import { ServiceAppointment } from "../../src/fsm/entities/service-appointment.entity";
import { WorkOrder } from "../../src/fsm/entities/work-order.entity";
import { RecordQueries } from "../common/record-queries.resolver";
import { ServiceAppointmentFilter } from "./service-appointment-filter.input";

export const ServiceAppointmentQueries = RecordQueries({
  system: "fsm",
  module: "Service_Appointments",
  type: ServiceAppointment,
  filter: ServiceAppointmentFilter,
  one: "serviceAppointment",
  many: "serviceAppointments",
  label: "Service Appointment",
});

@Resolver(() => ServiceAppointment)
export class ServiceAppointmentResolver {
  @FieldResolver(() => WorkOrder, { nullable: true }) workOrder(@Root() appointment: ServiceAppointment, @Ctx() { graph }: Context) {
    return graph.fsmRecord("Work_Orders", appointment.workOrderId);
  }
}
