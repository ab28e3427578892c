import { BadUserInputError } from "../errors/app-error";
import type { StateMachine } from "./state-machine";
import { AppointmentStatus } from "./service-appointment-lifecycle";

/** FSM Work Order statuses, as stored. */
export enum WorkOrderStatus {
  New = "New",
  Scheduled = "Scheduled",
  InProgress = "In Progress",
  Completed = "Completed",
  Closed = "Closed",
  Cancelled = "Cancelled",
  CannotComplete = "Cannot Complete",
}

const S = WorkOrderStatus;

/**
 * Scheduled, In Progress and Completed follow the appointments (workOrderStatusFromAppointments); Scheduled goes
 * back to New when its last appointment is cancelled. Cancelled before work starts, Cannot Complete after.
 */
export const WORK_ORDER_LIFECYCLE: StateMachine<WorkOrderStatus> = {
  record: "Work Order",
  initial: S.New,
  transitions: {
    [S.New]: [S.Scheduled, S.Cancelled],
    [S.Scheduled]: [S.New, S.InProgress, S.Cancelled, S.CannotComplete],
    [S.InProgress]: [S.Completed, S.CannotComplete],
    [S.Completed]: [S.Closed],
    [S.CannotComplete]: [S.Closed],
    [S.Closed]: [],
    [S.Cancelled]: [],
  },
};

/** The statuses in which appointments decide the Work Order's status, and in which it takes new appointments. */
const FOLLOWS_APPOINTMENTS: readonly WorkOrderStatus[] = [S.New, S.Scheduled, S.InProgress];

/** Visits that happened (or are happening), whatever came of them. */
const VISITED: readonly AppointmentStatus[] = [AppointmentStatus.InProgress, AppointmentStatus.Completed, AppointmentStatus.CannotComplete];

/**
 * The status a Work Order should have given its appointments' statuses. Cancelled appointments do not count.
 * None left: New. All Completed: Completed. Any visited (In Progress, Completed, Cannot Complete): In Progress.
 * Otherwise (all still to come): Scheduled. A Work Order In Progress never goes back to Scheduled or New, and one
 * that has left the appointment-driven statuses (Completed, Closed, Cancelled, Cannot Complete) keeps its status.
 */
export function workOrderStatusFromAppointments(current: WorkOrderStatus, appointments: readonly AppointmentStatus[]): WorkOrderStatus {
  if (!FOLLOWS_APPOINTMENTS.includes(current)) return current;
  const counted = appointments.filter((status) => status !== AppointmentStatus.Cancelled);
  if (current === S.InProgress) return counted.length && counted.every((status) => status === AppointmentStatus.Completed) ? S.Completed : S.InProgress;
  if (!counted.length) return S.New;
  if (counted.every((status) => status === AppointmentStatus.Completed)) return S.Completed;
  return counted.some((status) => VISITED.includes(status)) ? S.InProgress : S.Scheduled;
}

/** New appointments only for a Work Order whose status still follows them; BAD_USER_INPUT otherwise. */
export function checkWorkOrderTakesAppointments(status: WorkOrderStatus): void {
  if (!FOLLOWS_APPOINTMENTS.includes(status)) {
    throw new BadUserInputError("workOrderId", `A ${status} Work Order takes no new Service Appointments; it must be New, Scheduled or In Progress`, {
      status,
    });
  }
}
