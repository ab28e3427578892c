import { describe, expect, it } from "vitest";
import { FieldDataType as T } from "../../src/fields/field-definition.entity";
import { COMPATIBLE_TYPES, typesCompatible } from "../../src/sync/mapping/type-compatibility";

/** The matrix as docs/sync.md states it: row = CRM type, columns = FSM types it may map to. */
const EXPECTED: [T, T[]][] = [
  [T.TEXT, [T.TEXT, T.TEXTAREA, T.EMAIL, T.PHONE, T.URL, T.PICKLIST]],
  [T.TEXTAREA, [T.TEXT, T.TEXTAREA, T.EMAIL, T.PHONE, T.URL, T.PICKLIST]],
  [T.EMAIL, [T.TEXT, T.TEXTAREA, T.EMAIL]],
  [T.PHONE, [T.TEXT, T.TEXTAREA, T.PHONE]],
  [T.URL, [T.TEXT, T.TEXTAREA, T.URL]],
  [T.PICKLIST, [T.TEXT, T.TEXTAREA, T.PICKLIST]],
  [T.INTEGER, [T.INTEGER, T.DECIMAL, T.CURRENCY]],
  [T.DECIMAL, [T.INTEGER, T.DECIMAL, T.CURRENCY]],
  [T.CURRENCY, [T.INTEGER, T.DECIMAL, T.CURRENCY]],
  [T.BOOLEAN, [T.BOOLEAN]],
  [T.DATE, [T.DATE]],
  [T.DATETIME, [T.DATETIME]],
  [T.LOOKUP, []],
];
const ALL = Object.values(T);

describe("field mapping type compatibility", () => {
  it("covers every type", () => {
    expect(EXPECTED.map(([crm]) => crm).sort()).toEqual([...ALL].sort());
  });

  for (const [crm, allowed] of EXPECTED) {
    it(`${crm} maps to ${allowed.join(", ") || "nothing in the table"}`, () => {
      for (const fsm of ALL) expect(typesCompatible(crm, fsm), `${crm} → ${fsm}`).toBe(allowed.includes(fsm));
    });
  }

  it("refuses Phone → Email and Email → Phone", () => {
    expect(typesCompatible(T.PHONE, T.EMAIL)).toBe(false);
    expect(typesCompatible(T.EMAIL, T.PHONE)).toBe(false);
  });

  it("is symmetric: a mapping carries values both ways", () => {
    for (const a of ALL) for (const b of ALL) expect(typesCompatible(a, b), `${a} ↔ ${b}`).toBe(COMPATIBLE_TYPES[b].includes(a));
  });
});
