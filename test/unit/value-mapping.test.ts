import { describe, expect, it } from "vitest";
import { isEmptyValue, sameValue, toCrmValue, toFsmValue } from "../../src/sync/engine/value-mapping";
import type { FieldMapping } from "../../src/sync/mapping/field-mapping.entity";

const mappingOf = (valueMap: Record<string, string> | null, fsmDefault: string | null) => ({ valueMap, fsmDefault }) as unknown as FieldMapping;
const productType = mappingOf({ Service: "Service", Goods: "Part" }, "Part");
const plain = mappingOf(null, null);

describe("value mapping", () => {
  it.each<[string, FieldMapping, unknown, unknown]>([
    ["Service stays Service", productType, "Service", "Service"],
    ["Goods becomes Part", productType, "Goods", "Part"],
    ["no Type becomes Part (Goods is the default)", productType, null, "Part"],
    ["an empty Type becomes Part", productType, "", "Part"],
    ["an unmapped picklist value passes as it is", productType, "Bundle", "Bundle"],
    ["a plain field's value passes as it is", plain, 120, 120],
    ["a plain field's empty value is null", plain, undefined, null],
  ])("CRM → FSM: %s", (_, mapping, value, expected) => {
    expect(toFsmValue(mapping, value)).toBe(expected);
  });

  it.each<[string, FieldMapping, unknown, unknown]>([
    ["Part becomes Goods", productType, "Part", "Goods"],
    ["Service stays Service", productType, "Service", "Service"],
    ["an empty FSM value is null, never the FSM default", productType, "", null],
    ["an unmapped value passes as it is", productType, "Kit", "Kit"],
    ["a plain field's value passes as it is", plain, "x@y.com", "x@y.com"],
  ])("FSM → CRM: %s", (_, mapping, value, expected) => {
    expect(toCrmValue(mapping, value)).toBe(expected);
  });

  it.each<[string, unknown, unknown, boolean]>([
    ["null, undefined and empty string are all empty", null, "", true],
    ["undefined and null", undefined, null, true],
    ["empty is not a value", "", "0", false],
    ["a number and its decimal text", 120, "120.00", true],
    ["different numbers", 120, "120.01", false],
    ["dates by instant", new Date("2026-12-01T10:00:00Z"), "2026-12-01T11:00:00+01:00", true],
    ["different instants", new Date("2026-12-01T10:00:00Z"), "2026-12-01T10:00:01Z", false],
    ["objects by content", { street: "Main" }, { street: "Main" }, true],
    ["text is compared exactly", "john@x.com", "JOHN@x.com", false],
  ])("same value: %s", (_, a, b, expected) => {
    expect(sameValue(a, b)).toBe(expected);
    expect(sameValue(b, a)).toBe(expected);
  });

  it.each<[unknown, boolean]>([
    [null, true],
    [undefined, true],
    ["", true],
    [0, false],
    [false, false],
    [" ", false],
  ])("%o is empty: %s", (value, expected) => {
    expect(isEmptyValue(value)).toBe(expected);
  });
});
