import type { StateMachine } from "./state-machine";
import { REQUEST_LIFECYCLE } from "./request-lifecycle";
import { ESTIMATE_LIFECYCLE } from "./estimate-lifecycle";
import { WORK_ORDER_LIFECYCLE } from "./work-order-lifecycle";
import { SERVICE_APPOINTMENT_LIFECYCLE } from "./service-appointment-lifecycle";

/** The FSM modules a user edits and deletes through the gateway (the synced ones go through the sync writer). */
export type EditableFsmModule = "Requests" | "Estimates" | "Work_Orders" | "Service_Appointments" | "Assets";

/** The lifecycle each module's status follows; Assets have no status. */
export const LIFECYCLE_OF: { readonly [M in EditableFsmModule]: StateMachine<string> | null } = {
  Requests: REQUEST_LIFECYCLE,
  Estimates: ESTIMATE_LIFECYCLE,
  Work_Orders: WORK_ORDER_LIFECYCLE,
  Service_Appointments: SERVICE_APPOINTMENT_LIFECYCLE,
  Assets: null,
};
