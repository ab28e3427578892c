import type { StateMachine } from "./state-machine";
import { EstimateStatus } from "./estimate-lifecycle";

/** FSM Request statuses, as stored. */
export enum RequestStatus {
  New = "New",
  EstimateCreated = "Estimate Created",
  EstimateRejected = "Estimate Rejected",
  WorkInProgress = "Work In Progress",
  Completed = "Completed",
  Closed = "Closed",
  Cancelled = "Cancelled",
  CannotComplete = "Cannot Complete",
}

const S = RequestStatus;

/** A Request can be cancelled until work starts; once it has, it ends Completed or Cannot Complete, then Closed. */
export const REQUEST_LIFECYCLE: StateMachine<RequestStatus> = {
  record: "Request",
  initial: S.New,
  transitions: {
    [S.New]: [S.EstimateCreated, S.WorkInProgress, S.Cancelled],
    [S.EstimateCreated]: [S.EstimateRejected, S.WorkInProgress, S.Cancelled],
    // The customer said no: estimate again, start the work anyway, or give up.
    [S.EstimateRejected]: [S.EstimateCreated, S.WorkInProgress, S.Cancelled],
    [S.WorkInProgress]: [S.Completed, S.CannotComplete],
    [S.Completed]: [S.Closed],
    [S.CannotComplete]: [S.Closed],
    [S.Closed]: [],
    [S.Cancelled]: [],
  },
};

/** Where converting a Request takes it: to an Estimate, Estimate Created; to a Work Order, Work In Progress. */
export function requestStatusAfterConversion(target: "Estimate" | "Work Order"): RequestStatus {
  return target === "Estimate" ? S.EstimateCreated : S.WorkInProgress;
}

/**
 * A Request whose estimate was rejected becomes Estimate Rejected, unless another of its estimates is still open
 * (Draft, Sent or Accepted) or it has moved past estimating (work started, cancelled…): then it stays as it is.
 */
export function requestStatusAfterEstimateRejected(current: RequestStatus, otherEstimates: readonly EstimateStatus[]): RequestStatus {
  if (current !== S.EstimateCreated) return current;
  const open = [EstimateStatus.Draft, EstimateStatus.Sent, EstimateStatus.Accepted];
  return otherEstimates.some((status) => open.includes(status)) ? current : S.EstimateRejected;
}
