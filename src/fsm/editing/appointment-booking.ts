import type { Database } from "../../db/database";
import type { Actor } from "../../common/record-store";
import type { Timeline } from "../../timeline/timeline";
import type { RecordInputCheck } from "../../fields/record-input-check";
import { SystemName } from "../../fields/field-definition.entity";
import type { FsmRecords } from "../../modules/module-registry";
import { BadUserInputError } from "../../errors/app-error";
import type { FsmStore } from "../fsm-store";
import { checkTransition } from "../../workflow/state-machine";
import { WORK_ORDER_LIFECYCLE, checkWorkOrderTakesAppointments } from "../../workflow/work-order-lifecycle";
import { AppointmentStatus, checkAppointmentTimes } from "../../workflow/service-appointment-lifecycle";
import type { WorkOrderStatusFollower } from "./work-order-status-follower";

export interface AppointmentBookingDeps {
  db: Database;
  fsm: FsmStore;
  timeline: Timeline;
  inputs: RecordInputCheck;
  workOrderStatus: WorkOrderStatusFollower;
}

export interface NewAppointment {
  workOrderId: string;
  scheduledStart: Date;
  scheduledEnd: Date;
  summary?: string;
  technician?: string;
}

/**
 * A new Service Appointment for a Work Order that still takes them. Its times are mandatory, so it is created
 * Scheduled; its Work Order becomes Scheduled with it (same transaction), and both timelines say so.
 */
export class AppointmentBooking {
  constructor(private readonly deps: AppointmentBookingDeps) {}

  async book(input: NewAppointment, actor: Actor): Promise<FsmRecords["Service_Appointments"]> {
    await this.deps.inputs.check(SystemName.FSM, "Service_Appointments", input);
    return this.deps.db.transaction(async (m) => {
      const [order] = await this.deps.fsm.getMany("Work_Orders", [input.workOrderId], m, { forUpdate: true });
      if (!order) throw new BadUserInputError("workOrderId", `workOrderId: Work Order "${input.workOrderId}" was not found`);
      checkWorkOrderTakesAppointments(checkTransition(WORK_ORDER_LIFECYCLE, order.status, order.status));
      checkAppointmentTimes({ scheduledStart: input.scheduledStart, scheduledEnd: input.scheduledEnd, actualStart: null, actualEnd: null });
      const appointment = await this.deps.fsm.create("Service_Appointments", { ...input, status: AppointmentStatus.Scheduled }, actor, m);
      const when = `${input.scheduledStart.toISOString()} – ${input.scheduledEnd.toISOString()}`;
      await this.deps.timeline.add(m, "Service_Appointments", appointment.id, "CREATED", `Scheduled by ${actor.userId} for ${when}`);
      await this.deps.timeline.add(m, "Work_Orders", order.id, "APPOINTMENT_SCHEDULED", `Service Appointment ${appointment.id} scheduled for ${when}`);
      await this.deps.workOrderStatus.follow(m, order.id, actor);
      return appointment;
    });
  }
}
