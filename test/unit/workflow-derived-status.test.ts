import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors/error-code";
import { checkTransition } from "../../src/workflow/state-machine";
import { RequestStatus as R, requestStatusAfterConversion, requestStatusAfterEstimateRejected, REQUEST_LIFECYCLE } from "../../src/workflow/request-lifecycle";
import { EstimateStatus as E, estimateStatusOn, ESTIMATE_LIFECYCLE } from "../../src/workflow/estimate-lifecycle";
import {
  checkWorkOrderTakesAppointments,
  workOrderStatusFromAppointments,
  WorkOrderStatus as W,
  WORK_ORDER_LIFECYCLE,
} from "../../src/workflow/work-order-lifecycle";
import {
  actualTimesOnEntering,
  AppointmentStatus as A,
  checkAppointmentTimes,
  SERVICE_APPOINTMENT_LIFECYCLE,
} from "../../src/workflow/service-appointment-lifecycle";

describe("Work Order status from its appointments", () => {
  it.each([
    ["no appointment", W.Scheduled, [], W.New],
    ["only cancelled ones", W.Scheduled, [A.Cancelled, A.Cancelled], W.New],
    ["one new appointment", W.New, [A.New], W.Scheduled],
    ["all still to come", W.New, [A.Scheduled, A.Dispatched, A.Cancelled], W.Scheduled],
    ["one visit under way", W.Scheduled, [A.Scheduled, A.InProgress], W.InProgress],
    ["one done, one to come", W.Scheduled, [A.Completed, A.Scheduled], W.InProgress],
    ["a visit that could not complete", W.Scheduled, [A.CannotComplete], W.InProgress],
    ["all done", W.InProgress, [A.Completed, A.Completed], W.Completed],
    ["all done but the cancelled", W.InProgress, [A.Completed, A.Cancelled], W.Completed],
    ["one done, one could not complete", W.InProgress, [A.Completed, A.CannotComplete], W.InProgress],
    ["In Progress does not go back when its visits vanish", W.InProgress, [], W.InProgress],
    ["In Progress does not go back to Scheduled", W.InProgress, [A.Scheduled], W.InProgress],
    ["a Completed one keeps its status", W.Completed, [A.Scheduled], W.Completed],
    ["a Cancelled one keeps its status", W.Cancelled, [A.Completed], W.Cancelled],
    ["a Cannot Complete one keeps its status", W.CannotComplete, [A.Completed], W.CannotComplete],
    ["a Closed one keeps its status", W.Closed, [], W.Closed],
  ] as [string, W, A[], W][])("%s", (_, current, appointments, expected) => {
    expect(workOrderStatusFromAppointments(current, appointments)).toBe(expected);
  });

  it("takes new appointments only while New, Scheduled or In Progress", () => {
    for (const status of [W.New, W.Scheduled, W.InProgress]) expect(() => checkWorkOrderTakesAppointments(status)).not.toThrow();
    for (const status of [W.Completed, W.Closed, W.Cancelled, W.CannotComplete]) {
      expect(() => checkWorkOrderTakesAppointments(status)).toThrow(expect.objectContaining({ code: ErrorCode.BadUserInput, field: "workOrderId" }));
    }
  });

  /**
   * Random histories of a Work Order's appointments: each is created New and moves only as its lifecycle allows;
   * after every step the Work Order takes the derived status. Every such change is one its own lifecycle allows,
   * and once every counted appointment is Completed the Work Order is Completed.
   */
  it("follows its appointments through legal changes only (property)", () => {
    const step = fc.oneof(fc.constant({ add: true, pick: 0, choice: 0 }), fc.record({ add: fc.constant(false), pick: fc.nat(20), choice: fc.nat(3) }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const appointments: A[] = [];
        let workOrder = W.New;
        for (const { add, pick, choice } of steps) {
          if (add) {
            checkWorkOrderTakesAppointments(workOrder);
            appointments.push(SERVICE_APPOINTMENT_LIFECYCLE.initial);
          } else if (appointments.length) {
            const i = pick % appointments.length;
            const next = SERVICE_APPOINTMENT_LIFECYCLE.transitions[appointments[i]];
            if (next.length) appointments[i] = checkTransition(SERVICE_APPOINTMENT_LIFECYCLE, appointments[i], next[choice % next.length]);
          }
          const derived = workOrderStatusFromAppointments(workOrder, appointments);
          workOrder = checkTransition(WORK_ORDER_LIFECYCLE, workOrder, derived);
          if (workOrder === W.Completed) break;
        }
        const counted = appointments.filter((a) => a !== A.Cancelled);
        if (counted.length && counted.every((a) => a === A.Completed)) expect(workOrder).toBe(W.Completed);
        if (workOrder === W.Scheduled) expect(counted.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("Request status after its estimates and conversions", () => {
  it("rejecting its estimate sets a Request to Estimate Rejected", () => {
    expect(requestStatusAfterEstimateRejected(R.EstimateCreated, [])).toBe(R.EstimateRejected);
    expect(requestStatusAfterEstimateRejected(R.EstimateCreated, [E.Rejected, E.Expired, E.Converted])).toBe(R.EstimateRejected);
    expect(checkTransition(REQUEST_LIFECYCLE, R.EstimateCreated, R.EstimateRejected)).toBe(R.EstimateRejected);
  });

  it.each([E.Draft, E.Sent, E.Accepted])("stays Estimate Created while another estimate is %s", (open) => {
    expect(requestStatusAfterEstimateRejected(R.EstimateCreated, [E.Rejected, open])).toBe(R.EstimateCreated);
  });

  it.each([R.WorkInProgress, R.Cancelled, R.Completed, R.Closed])("leaves a Request that is %s as it is", (status) => {
    expect(requestStatusAfterEstimateRejected(status, [])).toBe(status);
  });

  it("conversion moves a Request on, by changes its lifecycle allows from the statuses conversion starts from", () => {
    expect(requestStatusAfterConversion("Estimate")).toBe(R.EstimateCreated);
    expect(requestStatusAfterConversion("Work Order")).toBe(R.WorkInProgress);
    for (const from of [R.New, R.EstimateRejected]) checkTransition(REQUEST_LIFECYCLE, from, requestStatusAfterConversion("Estimate"));
    for (const from of [R.New, R.EstimateCreated, R.EstimateRejected]) checkTransition(REQUEST_LIFECYCLE, from, requestStatusAfterConversion("Work Order"));
  });
});

describe("Estimate expiry", () => {
  it.each([
    [E.Sent, "2026-12-06", E.Expired],
    [E.Sent, "2026-12-07", E.Sent], // valid through its expiry date
    [E.Sent, null, E.Sent],
    [E.Draft, "2026-01-01", E.Draft],
    [E.Accepted, "2026-01-01", E.Accepted],
  ] as [E, string | null, E][])("%s with expiry %s is %s on 2026-12-07", (status, expiryDate, expected) => {
    expect(estimateStatusOn("2026-12-07", { status, expiryDate })).toBe(expected);
    checkTransition(ESTIMATE_LIFECYCLE, status, expected);
  });
});

describe("Service Appointment times", () => {
  const at = (hour: number) => new Date(Date.UTC(2026, 11, 7, hour));

  it("accepts ends after starts", () => {
    expect(() => checkAppointmentTimes({ scheduledStart: at(9), scheduledEnd: at(10), actualStart: null, actualEnd: null })).not.toThrow();
    expect(() => checkAppointmentTimes({ scheduledStart: at(9), scheduledEnd: at(10), actualStart: at(9), actualEnd: at(11) })).not.toThrow();
  });

  it.each([
    ["scheduled end at the start", { scheduledStart: at(9), scheduledEnd: at(9), actualStart: null, actualEnd: null }, "scheduledEnd"],
    ["scheduled end before the start", { scheduledStart: at(10), scheduledEnd: at(9), actualStart: null, actualEnd: null }, "scheduledEnd"],
    ["an actual end without a start", { scheduledStart: at(9), scheduledEnd: at(10), actualStart: null, actualEnd: at(10) }, "actualEnd"],
    ["an actual end before the actual start", { scheduledStart: at(9), scheduledEnd: at(10), actualStart: at(10), actualEnd: at(9) }, "actualEnd"],
  ])("refuses %s", (_, times, field) => {
    expect(() => checkAppointmentTimes(times)).toThrow(expect.objectContaining({ code: ErrorCode.BadUserInput, field }));
  });

  it("records the actual start when work starts and the actual end when it stops, keeping times already set", () => {
    const none = { actualStart: null, actualEnd: null };
    expect(actualTimesOnEntering(A.Dispatched, none, at(8))).toEqual(none);
    expect(actualTimesOnEntering(A.InProgress, none, at(9))).toEqual({ actualStart: at(9), actualEnd: null });
    expect(actualTimesOnEntering(A.Completed, { actualStart: at(9), actualEnd: null }, at(11))).toEqual({ actualStart: at(9), actualEnd: at(11) });
    expect(actualTimesOnEntering(A.CannotComplete, { actualStart: at(9), actualEnd: null }, at(10))).toEqual({ actualStart: at(9), actualEnd: at(10) });
    // Could not complete before starting (from Dispatched): no work, so no actual times.
    expect(actualTimesOnEntering(A.CannotComplete, none, at(10))).toEqual(none);
    expect(actualTimesOnEntering(A.Completed, { actualStart: at(9), actualEnd: at(10) }, at(12))).toEqual({ actualStart: at(9), actualEnd: at(10) });
  });
});
