import { describe, expect, it } from "vitest";
import type { RecordBase } from "../../src/common/record-base";
import type { ShadowEntry } from "../../src/links/sync-link.entity";
import { withUnsyncedEdit } from "../../src/sync/engine/edit-times";
import { decideFieldConflict, fieldEditOf, shadowEntryOf, type FieldConflict, type FieldEditSource } from "../../src/sync/decisions/field-conflict";

const recordOf = (modifiedTime: number, fields: Record<string, unknown>) =>
  ({ id: "r1", modifiedTime: new Date(modifiedTime), ...fields }) as unknown as RecordBase;
const shadow = (crm: unknown, fsm: unknown, time: number): ShadowEntry => ({ crm, fsm, time });
const level = shadow("old", "old", 1000);

describe("field conflict: is the field's value in a change an edit, and when was it made", () => {
  const source = (overrides: Partial<FieldEditSource>): FieldEditSource => ({
    side: "CRM",
    fieldName: "Phone",
    changedValues: null,
    changeTime: 5000,
    record: recordOf(9000, { Phone: "new" }),
    last: level,
    ...overrides,
  });

  it.each<[string, Partial<FieldEditSource>, { value: unknown; time: number } | null]>([
    ["a gateway edit that did not set the field", { changedValues: { Email: "a@x.com" } }, null],
    ["a gateway edit crosses with its own time, not the record's", { changedValues: { Phone: "new" } }, { value: "new", time: 5000 }],
    ["a gateway edit that set the value back to the shadow is still an edit", { changedValues: { Phone: "old" } }, { value: "old", time: 5000 }],
    ["a gateway edit that cleared the field", { changedValues: { Phone: null } }, { value: null, time: 5000 }],
    ["a whole record whose value is the shadow's: no edit", { record: recordOf(9000, { Phone: "old" }) }, null],
    ["the shadow compared as the systems see it (120 is 120.00)", { record: recordOf(9000, { Phone: 120 }), last: shadow("120.00", 120, 1000) }, null],
    ["a whole record whose value changed: dated by its modified time", {}, { value: "new", time: 9000 }],
    ["no shadow: every value is an edit", { last: undefined }, { value: "new", time: 9000 }],
    ["an edit noticed earlier keeps the time it was noticed with", { last: withUnsyncedEdit(level, "CRM", "new", 3000) }, { value: "new", time: 3000 }],
    ["a noticed edit of another value does not date this one", { last: withUnsyncedEdit(level, "CRM", "older", 3000) }, { value: "new", time: 9000 }],
    ["a later edit of the field has already crossed", { changedValues: { Phone: "new" }, last: shadow("x", "x", 6000) }, null],
    ["equal times: the edit is not older than what crossed", { changedValues: { Phone: "new" }, last: shadow("x", "x", 5000) }, { value: "new", time: 5000 }],
    [
      "an FSM record is compared with the shadow's FSM value",
      { side: "FSM", record: recordOf(9000, { Phone: "fsm" }), last: shadow("crm", "fsm", 1000) },
      null,
    ],
  ])("%s", (_, overrides, expected) => {
    expect(fieldEditOf(source(overrides))).toEqual(expected);
  });
});

describe("field conflict: latest edit wins, per field", () => {
  const conflict = (overrides: Partial<FieldConflict>): FieldConflict => ({
    side: "CRM",
    edit: { value: "new", time: 5000 },
    targetValue: "new",
    target: { modifiedTime: new Date(2000) },
    current: "old",
    last: level,
    pendingEdit: null,
    ...overrides,
  });
  const crossed = { crm: "new", fsm: "new", time: 5000 };
  const writes = { write: true, targetValue: "new", shadow: crossed };
  const losesTo = (winner: string) => ({
    write: false,
    conflictWinner: winner,
    shadow: { ...level, unsynced: { CRM: { hash: expect.any(String), time: 5000 } } },
  });
  const dated = (time: number) => ({ target: { modifiedTime: new Date(time) } });
  const theirs = { current: "theirs" };

  it.each<[string, Partial<FieldConflict>, object]>([
    ["the other side already holds the value (an echo): nothing written, shadow level", { current: "new" }, { write: false, shadow: crossed }],
    [
      "empty is empty: null there and an empty string here",
      { targetValue: "", edit: { value: "", time: 5000 }, current: null },
      { write: false, shadow: { crm: "", fsm: "", time: 5000 } },
    ],
    ["the other side unchanged since the last sync: the edit crosses", {}, writes],
    ["no shadow: the edit crosses, whatever the other side's time", { last: undefined, ...theirs, ...dated(9000) }, writes],
    ["both changed, this edit later: it wins", { ...theirs, ...dated(4000) }, { ...writes, conflictWinner: "CRM" }],
    ["both changed, the other edit later: this one loses and keeps its time", { ...theirs, ...dated(6000) }, losesTo("FSM")],
    ["both changed at the same time: the edit being synced wins", { ...theirs, ...dated(5000) }, { ...writes, conflictWinner: "CRM" }],
    [
      "the other edit dated by its noticed time, not by a later sync write",
      { ...theirs, ...dated(9000), last: withUnsyncedEdit(level, "FSM", "theirs", 4000) },
      { ...writes, conflictWinner: "CRM", shadow: crossed },
    ],
    [
      "a later pending edit that set the value there wins",
      { ...theirs, ...dated(1500), pendingEdit: { value: "theirs", time: new Date(6000) } },
      losesTo("FSM"),
    ],
    [
      "a pending edit of a value no longer there does not date it",
      { ...theirs, ...dated(4000), pendingEdit: { value: "gone", time: new Date(6000) } },
      { ...writes, conflictWinner: "CRM" },
    ],
    [
      "an earlier pending edit dates the value exactly, whatever the modified time",
      { ...theirs, ...dated(9000), pendingEdit: { value: "theirs", time: new Date(4000) } },
      { ...writes, conflictWinner: "CRM" },
    ],
    ["a later pending edit that set again the value that crossed last still wins", { pendingEdit: { value: "old", time: new Date(6000) } }, losesTo("FSM")],
    [
      "a later pending edit wins where there is no shadow (none to keep a time in)",
      { last: undefined, ...theirs, pendingEdit: { value: "theirs", time: new Date(6000) } },
      { write: false, conflictWinner: "FSM", shadow: undefined },
    ],
  ])("%s", (_, overrides, expected) => {
    expect(decideFieldConflict(conflict(overrides))).toEqual(expected);
  });

  it("an FSM edit crosses to the CRM with its value as the CRM holds it", () => {
    const decision = decideFieldConflict(
      conflict({ side: "FSM", edit: { value: "Part", time: 5000 }, targetValue: "Goods", current: "Service", last: shadow("Service", "Service", 1000) }),
    );
    expect(decision).toEqual({ write: true, targetValue: "Goods", shadow: { crm: "Goods", fsm: "Part", time: 5000 } });
  });

  it.each<["CRM" | "FSM", object]>([
    ["CRM", { crm: "source", fsm: "target", time: 7 }],
    ["FSM", { crm: "target", fsm: "source", time: 7 }],
  ])("a shadow entry of a value crossing from the %s", (side, expected) => {
    expect(shadowEntryOf(side, "source", "target", 7)).toEqual(expected);
  });
});
