import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors/error-code";
import { assertInRange, formatHundredths, fromHundredths, MAX_HUNDREDTHS, multiplyHundredths, sumHundredths, toHundredths } from "../../src/common/money";

describe("money in hundredths", () => {
  it.each([
    [0, 0n],
    [1, 100n],
    [0.1, 10n],
    [0.2, 20n],
    [19.99, 1999n],
    [-19.99, -1999n],
    [1e3, 100000n],
    [2.5e-1, 25n],
    ["0", 0n],
    ["12.30", 1230n],
    [" 12.3 ", 1230n],
    ["-0.05", -5n],
    ["+7", 700n],
    [".5", 50n],
    ["5.", 500n],
    ["1E2", 10000n],
    ["999999999999.99", MAX_HUNDREDTHS],
    ["-999999999999.99", -MAX_HUNDREDTHS],
    ["0e999999999", 0n],
    ["1e-999999999", 0n],
  ] as [number | string, bigint][])("reads %j exactly as %s hundredths", (value, expected) => {
    expect(toHundredths(value, "amount")).toBe(expected);
  });

  it("reads 0.1 + 0.2 as 0.30, not the float's 0.30000000000000004", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toHundredths(0.1 + 0.2, "amount")).toBe(30n);
    expect(toHundredths(0.1, "a") + toHundredths(0.2, "b")).toBe(toHundredths(0.3, "c"));
  });

  it.each([
    ["1.005", 101n],
    ["1.004", 100n],
    ["2.675", 268n],
    ["-1.005", -101n],
    ["-0.004", 0n],
    ["0.995", 100n],
    [1.005, 101n],
    ["12.344999", 1234n],
  ] as [number | string, bigint][])("rounds %j to two places half away from zero: %s", (value, expected) => {
    expect(toHundredths(value, "amount")).toBe(expected);
  });

  it.each([NaN, Infinity, -Infinity, "", " ", "abc", "1,5", "1.2.3", "--1", "0x10", ".", "e5", "1e"])(
    "refuses %j with BAD_USER_INPUT on the field",
    (value) => {
      expect(() => toHundredths(value, "listPrice")).toThrow(expect.objectContaining({ code: ErrorCode.BadUserInput, field: "listPrice" }));
    },
  );

  it.each(["1000000000000", "999999999999.995", "-1000000000000.00", 1e15, "1e300", -1e21])("refuses %j: outside numeric(14,2)", (value) => {
    expect(() => toHundredths(value, "quantity")).toThrow(
      expect.objectContaining({ code: ErrorCode.BadUserInput, field: "quantity", message: expect.stringContaining("±999999999999.99") }),
    );
  });

  it("writes back the number a decimal column holds, and the two-place spelling", () => {
    expect(fromHundredths(1999n)).toBe(19.99);
    expect(fromHundredths(30n)).toBe(0.3);
    expect(fromHundredths(-5n)).toBe(-0.05);
    expect(fromHundredths(MAX_HUNDREDTHS)).toBe(999999999999.99);
    expect(formatHundredths(0n)).toBe("0.00");
    expect(formatHundredths(5n)).toBe("0.05");
    expect(formatHundredths(-105n)).toBe("-1.05");
    expect(formatHundredths(-MAX_HUNDREDTHS)).toBe("-999999999999.99");
  });

  it("round-trips every value near the top of the range through the number a column stores", () => {
    for (let k = 0n; k < 2000n; k += 1n) {
      for (const value of [MAX_HUNDREDTHS - k * 9973n, -(MAX_HUNDREDTHS - k * 7919n), k * 1234567n]) {
        expect(toHundredths(fromHundredths(value), "x")).toBe(value);
        expect(fromHundredths(value)).toBe(Number(formatHundredths(value)));
      }
    }
  });

  it("multiplies exactly, rounding once", () => {
    expect(multiplyHundredths(300n, 1999n)).toBe(5997n); // 3 × 19.99
    expect(multiplyHundredths(50n, 1n)).toBe(1n); // 0.5 × 0.01 = 0.005 → 0.01
    expect(multiplyHundredths(49n, 1n)).toBe(0n); // 0.49 × 0.01 = 0.0049 → 0.00
    expect(multiplyHundredths(-50n, 1n)).toBe(-1n);
    expect(multiplyHundredths(MAX_HUNDREDTHS, MAX_HUNDREDTHS)).toBe((MAX_HUNDREDTHS * MAX_HUNDREDTHS + 50n) / 100n);
    expect(sumHundredths([10n, 20n, -5n])).toBe(25n);
    expect(sumHundredths(Array.from({ length: 10_203 }, () => 1n))).toBe(10_203n);
  });

  it("range check names the field", () => {
    expect(assertInRange(MAX_HUNDREDTHS, "grandTotal")).toBe(MAX_HUNDREDTHS);
    expect(() => assertInRange(MAX_HUNDREDTHS + 1n, "grandTotal")).toThrow(
      expect.objectContaining({
        field: "grandTotal",
        message: "grandTotal: 1000000000000.00 is outside what a money or quantity field holds (±999999999999.99)",
      }),
    );
    expect(() => assertInRange(-MAX_HUNDREDTHS - 1n, "adjustment")).toThrow(expect.objectContaining({ field: "adjustment" }));
  });
});
