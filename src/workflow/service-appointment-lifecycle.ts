import { BadUserInputError } from "../errors/app-error";
import type { StateMachine } from "./state-machine";

/** FSM Service Appointment statuses, as stored. */
export enum AppointmentStatus {
  New = "New",
  Scheduled = "Scheduled",
  Dispatched = "Dispatched",
  InProgress = "In Progress",
  Completed = "Completed",
  Cancelled = "Cancelled",
  CannotComplete = "Cannot Complete",
}

const S = AppointmentStatus;

/** A visit can be called off until the technician starts; once started it ends Completed or Cannot Complete. */
export const SERVICE_APPOINTMENT_LIFECYCLE: StateMachine<AppointmentStatus> = {
  record: "Service Appointment",
  initial: S.New,
  transitions: {
    [S.New]: [S.Scheduled, S.Cancelled],
    [S.Scheduled]: [S.Dispatched, S.Cancelled],
    // On site but unable to start (no access, wrong part): Cannot Complete.
    [S.Dispatched]: [S.InProgress, S.Cancelled, S.CannotComplete],
    [S.InProgress]: [S.Completed, S.CannotComplete],
    [S.Completed]: [],
    [S.Cancelled]: [],
    [S.CannotComplete]: [],
  },
};

export interface AppointmentTimes {
  scheduledStart: Date;
  scheduledEnd: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
}

/** Ends come after starts (scheduled and actual), and work cannot end before it started. BAD_USER_INPUT otherwise. */
export function checkAppointmentTimes(times: AppointmentTimes): void {
  if (times.scheduledEnd.getTime() <= times.scheduledStart.getTime()) {
    throw new BadUserInputError(
      "scheduledEnd",
      `scheduledEnd (${times.scheduledEnd.toISOString()}) must be after scheduledStart (${times.scheduledStart.toISOString()})`,
    );
  }
  if (times.actualEnd && !times.actualStart) throw new BadUserInputError("actualEnd", "actualEnd needs an actualStart");
  if (times.actualEnd && times.actualStart && times.actualEnd.getTime() <= times.actualStart.getTime()) {
    throw new BadUserInputError("actualEnd", `actualEnd (${times.actualEnd.toISOString()}) must be after actualStart (${times.actualStart.toISOString()})`);
  }
}

/**
 * The actual times a status change records: starting work (In Progress) sets actualStart, finishing it
 * (Completed or Cannot Complete after a start) sets actualEnd; times already recorded are kept.
 */
export function actualTimesOnEntering(
  status: AppointmentStatus,
  times: Pick<AppointmentTimes, "actualStart" | "actualEnd">,
  now: Date,
): Pick<AppointmentTimes, "actualStart" | "actualEnd"> {
  const started = status === S.InProgress || ((status === S.Completed || status === S.CannotComplete) && times.actualStart !== null);
  const ended = (status === S.Completed || status === S.CannotComplete) && times.actualStart !== null;
  return {
    actualStart: started ? (times.actualStart ?? now) : times.actualStart,
    actualEnd: ended ? (times.actualEnd ?? now) : times.actualEnd,
  };
}
