import type { EntityManager } from "typeorm";
import type { Actor } from "../../common/record-store";
import type { Timeline } from "../../timeline/timeline";
import type { FsmStore } from "../fsm-store";
import { NotFoundError } from "../../errors/app-error";
import { checkTransition } from "../../workflow/state-machine";
import { WORK_ORDER_LIFECYCLE, WorkOrderStatus, workOrderStatusFromAppointments } from "../../workflow/work-order-lifecycle";
import { SERVICE_APPOINTMENT_LIFECYCLE, type AppointmentStatus } from "../../workflow/service-appointment-lifecycle";
import { isStatusOf } from "../../workflow/state-machine";

/**
 * After an appointment is written, its Work Order takes the status its appointments give it, in the same
 * transaction (docs/workflow.md, "Derived statuses"), and its timeline says why.
 */
export class WorkOrderStatusFollower {
  constructor(
    private readonly fsm: FsmStore,
    private readonly timeline: Timeline,
  ) {}

  async follow(m: EntityManager, workOrderId: string, actor: Actor): Promise<void> {
    const [order] = await this.fsm.getMany("Work_Orders", [workOrderId], m, { forUpdate: true });
    if (!order) throw new NotFoundError("Work Order", workOrderId);
    const appointments = await this.fsm.findByReference("Service_Appointments", "workOrderId", [workOrderId], m);
    const statuses = appointments.map((a) => a.status).filter((s): s is AppointmentStatus => isStatusOf(SERVICE_APPOINTMENT_LIFECYCLE, s));
    const current = checkTransition(WORK_ORDER_LIFECYCLE, order.status, order.status);
    const next = workOrderStatusFromAppointments(current, statuses);
    if (next === current) return;
    checkTransition(WORK_ORDER_LIFECYCLE, current, next);
    await this.fsm.update("Work_Orders", workOrderId, { status: next }, actor, m, order);
    await this.timeline.add(m, "Work_Orders", workOrderId, "STATUS_CHANGED", `Status "${current}" → "${next}": ${reason(next)}`);
  }
}

function reason(status: WorkOrderStatus): string {
  switch (status) {
    case WorkOrderStatus.New:
      return "no appointment left";
    case WorkOrderStatus.Completed:
      return "all its appointments are completed";
    case WorkOrderStatus.InProgress:
      return "an appointment has started";
    default:
      return "it has appointments to come";
  }
}
