import { BadUserInputError } from "../errors/app-error";

/**
 * A status lifecycle as data: every status and the statuses it may change to. A status with no way out is final.
 * Status values are the strings the entities store.
 */
export interface StateMachine<S extends string> {
  /** Named in refusals, e.g. "Work Order". */
  readonly record: string;
  /** What a new record starts in. */
  readonly initial: S;
  readonly transitions: { readonly [From in S]: readonly S[] };
}

export function statusesOf<S extends string>(machine: StateMachine<S>): S[] {
  return Object.keys(machine.transitions) as S[];
}

export function isStatusOf<S extends string>(machine: StateMachine<S>, status: string): status is S {
  return Object.prototype.hasOwnProperty.call(machine.transitions, status);
}

export function isFinal<S extends string>(machine: StateMachine<S>, status: S): boolean {
  return machine.transitions[status].length === 0;
}

/**
 * `to`, when a record in `from` may move to it; staying in the same status is always allowed (an edit that does
 * not touch the status). Otherwise BAD_USER_INPUT on `status`, naming the record, both statuses and what `from`
 * allows, e.g. `Estimate status cannot change from "Draft" to "Accepted"; allowed: "Sent"`.
 */
export function checkTransition<S extends string>(machine: StateMachine<S>, from: string, to: string): S {
  for (const status of [from, to]) {
    if (!isStatusOf(machine, status)) {
      throw new BadUserInputError("status", `${machine.record} has no status "${status}"; statuses: ${quoted(statusesOf(machine))}`, {
        record: machine.record,
        from,
        to,
      });
    }
  }
  const allowed = machine.transitions[from as S];
  if (from === to || allowed.includes(to as S)) return to as S;
  return refuse(machine, from, to);
}

/**
 * As `checkTransition`, but staying in the same status is refused too: for an action that is itself the change
 * (converting a Request, accepting an Estimate), which done twice would do its work twice.
 */
export function checkMove<S extends string>(machine: StateMachine<S>, from: string, to: string): S {
  const checked = checkTransition(machine, from, to);
  if (from === to && !machine.transitions[checked].includes(checked)) refuse(machine, from, to);
  return checked;
}

/**
 * The status a new record starts in: its lifecycle's first. A later one (an Estimate created "Accepted") would skip
 * the steps that make it true, so it is refused with BAD_USER_INPUT on `status`; the steps are the way there.
 */
export function statusAtCreation<S extends string>(machine: StateMachine<S>, given: unknown): S {
  if (given === undefined || given === null || given === machine.initial) return machine.initial;
  throw new BadUserInputError(
    "status",
    `status: a new ${machine.record} starts "${machine.initial}", not ${JSON.stringify(String(given).slice(0, 64))}; move it on through its lifecycle`,
    { record: machine.record, initial: machine.initial },
  );
}

function refuse<S extends string>(machine: StateMachine<S>, from: string, to: string): never {
  const allowed = machine.transitions[from as S];
  const ways = allowed.length ? quoted(allowed) : `none, "${from}" is final`;
  throw new BadUserInputError("status", `${machine.record} status cannot change from "${from}" to "${to}"; allowed: ${ways}`, {
    record: machine.record,
    from,
    to,
    allowed,
  });
}

function quoted(statuses: readonly string[]): string {
  return statuses.map((s) => `"${s}"`).join(", ");
}
