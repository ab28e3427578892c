import type { StateMachine } from "./state-machine";

/** FSM Estimate statuses, as stored. Converted: an accepted Estimate that became a Work Order. */
export enum EstimateStatus {
  Draft = "Draft",
  Sent = "Sent",
  Accepted = "Accepted",
  Rejected = "Rejected",
  Expired = "Expired",
  Converted = "Converted",
}

const S = EstimateStatus;

/** Only a sent Estimate gets an answer, and only an accepted one converts to a Work Order. */
export const ESTIMATE_LIFECYCLE: StateMachine<EstimateStatus> = {
  record: "Estimate",
  initial: S.Draft,
  transitions: {
    [S.Draft]: [S.Sent],
    [S.Sent]: [S.Accepted, S.Rejected, S.Expired],
    [S.Accepted]: [S.Converted],
    [S.Rejected]: [],
    [S.Expired]: [],
    [S.Converted]: [],
  },
};

/**
 * A sent Estimate is Expired from the day after its expiry date (dates are YYYY-MM-DD, compared as the calendar
 * dates they are); any other status, or no expiry date, stays as it is.
 */
export function estimateStatusOn(today: string, estimate: { status: EstimateStatus; expiryDate: string | null }): EstimateStatus {
  return estimate.status === S.Sent && estimate.expiryDate !== null && estimate.expiryDate < today ? S.Expired : estimate.status;
}
