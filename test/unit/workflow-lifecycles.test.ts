import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors/app-error";
import { ErrorCode } from "../../src/errors/error-code";
import { FSM_MODULES } from "../../src/modules/fsm-modules";
import { checkTransition, isFinal, statusesOf, type StateMachine } from "../../src/workflow/state-machine";
import { REQUEST_LIFECYCLE } from "../../src/workflow/request-lifecycle";
import { ESTIMATE_LIFECYCLE } from "../../src/workflow/estimate-lifecycle";
import { WORK_ORDER_LIFECYCLE } from "../../src/workflow/work-order-lifecycle";
import { SERVICE_APPOINTMENT_LIFECYCLE } from "../../src/workflow/service-appointment-lifecycle";

/** The lifecycles of issue #18, written out by hand: the machines must allow exactly these and nothing else. */
const EXPECTED: { machine: StateMachine<string>; module: string; allowed: string[] }[] = [
  {
    machine: REQUEST_LIFECYCLE,
    module: "Requests",
    allowed: [
      "New → Estimate Created",
      "New → Work In Progress",
      "New → Cancelled",
      "Estimate Created → Estimate Rejected",
      "Estimate Created → Work In Progress",
      "Estimate Created → Cancelled",
      "Estimate Rejected → Estimate Created",
      "Estimate Rejected → Work In Progress",
      "Estimate Rejected → Cancelled",
      "Work In Progress → Completed",
      "Work In Progress → Cannot Complete",
      "Completed → Closed",
      "Cannot Complete → Closed",
    ],
  },
  {
    machine: ESTIMATE_LIFECYCLE,
    module: "Estimates",
    allowed: ["Draft → Sent", "Sent → Accepted", "Sent → Rejected", "Sent → Expired", "Accepted → Converted"],
  },
  {
    machine: WORK_ORDER_LIFECYCLE,
    module: "Work_Orders",
    allowed: [
      "New → Scheduled",
      "New → Cancelled",
      "Scheduled → New",
      "Scheduled → In Progress",
      "Scheduled → Cancelled",
      "Scheduled → Cannot Complete",
      "In Progress → Completed",
      "In Progress → Cannot Complete",
      "Completed → Closed",
      "Cannot Complete → Closed",
    ],
  },
  {
    machine: SERVICE_APPOINTMENT_LIFECYCLE,
    module: "Service_Appointments",
    allowed: [
      "New → Scheduled",
      "New → Cancelled",
      "Scheduled → Dispatched",
      "Scheduled → Cancelled",
      "Dispatched → In Progress",
      "Dispatched → Cancelled",
      "Dispatched → Cannot Complete",
      "In Progress → Completed",
      "In Progress → Cannot Complete",
    ],
  },
];

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal, got none");
}

function picklistOf(module: string): string[] {
  const status = (FSM_MODULES as Record<string, (typeof FSM_MODULES)[keyof typeof FSM_MODULES]>)[module].fields.find(([apiName]) => apiName === "Status");
  return status?.[6] as string[];
}

describe.each(EXPECTED)("$machine.record lifecycle", ({ machine, module, allowed }) => {
  const statuses = statusesOf(machine);
  const pairs = statuses.flatMap((from) => statuses.filter((to) => to !== from).map((to) => ({ from, to, arrow: `${from} → ${to}` })));

  it.each(allowed)("allows %s", (arrow) => {
    const [from, to] = arrow.split(" → ");
    expect(checkTransition(machine, from, to)).toBe(to);
  });

  it("refuses every other change with BAD_USER_INPUT naming the record, both statuses and what is allowed", () => {
    const refused = pairs.filter((p) => !allowed.includes(p.arrow));
    expect(refused.length + allowed.length).toBe(pairs.length);
    for (const { from, to } of refused) {
      const error = refusal(() => checkTransition(machine, from, to));
      expect(error.code).toBe(ErrorCode.BadUserInput);
      expect(error.field).toBe("status");
      expect(error.message).toContain(`${machine.record} status cannot change from "${from}" to "${to}"; allowed: `);
      const ways = allowed.filter((a) => a.startsWith(`${from} → `)).map((a) => `"${a.split(" → ")[1]}"`);
      expect(error.message.endsWith(ways.length ? ways.join(", ") : `none, "${from}" is final`)).toBe(true);
      expect(error.details).toMatchObject({ from, to });
    }
  });

  it("keeping the same status is no change, so always allowed (final statuses included)", () => {
    for (const status of statuses) expect(checkTransition(machine, status, status)).toBe(status);
  });

  it("refuses a status the record does not have, on either side", () => {
    expect(refusal(() => checkTransition(machine, machine.initial, "Teleported")).message).toMatch(
      new RegExp(`^${machine.record} has no status "Teleported"; statuses: "`),
    );
    expect(refusal(() => checkTransition(machine, "teleported", machine.initial)).code).toBe(ErrorCode.BadUserInput);
    // Status values are compared exactly, as stored.
    expect(refusal(() => checkTransition(machine, machine.initial, machine.initial.toLowerCase())).field).toBe("status");
  });

  it("starts in New or Draft, and every status is reachable from there", () => {
    expect(["New", "Draft"]).toContain(machine.initial);
    const reached = new Set([machine.initial]);
    for (let grown = true; grown;) {
      grown = false;
      for (const arrow of allowed) {
        const [from, to] = arrow.split(" → ");
        if (reached.has(from) && !reached.has(to)) {
          reached.add(to);
          grown = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...statuses].sort());
    expect(statuses.filter((s) => isFinal(machine, s)).length).toBeGreaterThan(0);
  });

  it("knows every status the field catalogue lets a record store", () => {
    const stored = picklistOf(module);
    expect(stored.filter((s) => !statuses.includes(s))).toEqual([]);
    expect(statuses.filter((s) => !stored.includes(s))).toEqual([]);
  });
});

describe("the example of issue #18", () => {
  it("names the record, both statuses and the only way out of Draft", () => {
    expect(() => checkTransition(ESTIMATE_LIFECYCLE, "Draft", "Accepted")).toThrow('Estimate status cannot change from "Draft" to "Accepted"; allowed: "Sent"');
  });
});
