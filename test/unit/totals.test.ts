import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors/error-code";
import { lineAmount, totalsOf } from "../../src/workflow/totals";

describe("line amount = quantity × list price − discount", () => {
  it.each([
    [{ quantity: 3, listPrice: 19.99, discount: null }, 59.97],
    [{ quantity: 2, listPrice: 40, discount: 5, tax: 10 }, 75], // tax is not part of the line amount
    [{ quantity: 1.5, listPrice: 0.33 }, 0.5], // 0.495 → 0.50, half away from zero
    [{ quantity: 0.1, listPrice: 0.2 }, 0.02],
    [{ quantity: 1, listPrice: null }, 0], // no price yet
    [{ quantity: "2.00", listPrice: "120.10", discount: "0.20" }, 240], // PostgreSQL's strings
    [{ quantity: 10, listPrice: 10, discount: 100 }, 0], // discounted to nothing
  ])("%j → %s", (line, expected) => {
    expect(lineAmount(line)).toBe(expected);
  });

  it.each([
    [{ quantity: -1, listPrice: 10 }, "lineItem.quantity"],
    [{ quantity: 1, listPrice: -10 }, "lineItem.listPrice"],
    [{ quantity: 1, listPrice: 10, discount: -1 }, "lineItem.discount"],
    [{ quantity: 1, listPrice: 10, discount: 10.01 }, "lineItem.discount"],
    [{ quantity: 1000000, listPrice: 1000000 }, "lineItem.amount"],
    [{ quantity: "lots", listPrice: 1 }, "lineItem.quantity"],
  ])("refuses %j on %s", (line, field) => {
    expect(() => lineAmount(line)).toThrow(expect.objectContaining({ code: ErrorCode.BadUserInput, field }));
  });
});

describe("totals: sub total = Σ amounts; grand total = sub total − discount + tax + adjustment", () => {
  const lines = [
    { quantity: 1, listPrice: 120 },
    { quantity: 2, listPrice: 40, discount: 5, tax: 10 },
    { quantity: 3, listPrice: 0.1, tax: 0.2 },
  ];

  it("adds up exactly", () => {
    // 120 + 75 + 0.30 = 195.30; tax 10.20
    expect(totalsOf(lines)).toEqual({ subTotal: 195.3, tax: 10.2, grandTotal: 205.5 });
    expect(totalsOf(lines, { discount: 20.3, adjustment: -0.5 })).toEqual({ subTotal: 195.3, tax: 10.2, grandTotal: 184.7 });
    expect(totalsOf(lines, { adjustment: "1.99" })).toEqual({ subTotal: 195.3, tax: 10.2, grandTotal: 207.49 });
  });

  it("has no float drift over many small lines", () => {
    const dimes = Array.from({ length: 10_203 }, () => ({ quantity: 1, listPrice: 0.1, tax: 0.01 }));
    expect(totalsOf(dimes)).toEqual({ subTotal: 1020.3, tax: 102.03, grandTotal: 1122.33 });
  });

  it("of no lines is zero, and a negative adjustment may take the grand total below zero", () => {
    expect(totalsOf([])).toEqual({ subTotal: 0, tax: 0, grandTotal: 0 });
    expect(totalsOf([{ quantity: 1, listPrice: 10 }], { adjustment: -15 })).toEqual({ subTotal: 10, tax: 0, grandTotal: -5 });
  });

  it("handles values near the top of numeric(14,2)", () => {
    expect(totalsOf([{ quantity: 1, listPrice: 999999999999.99 }])).toEqual({ subTotal: 999999999999.99, tax: 0, grandTotal: 999999999999.99 });
    expect(totalsOf([{ quantity: 1, listPrice: 999999999999.99, tax: 1 }], { discount: 1 }).grandTotal).toBe(999999999999.99);
    expect(totalsOf([{ quantity: 1, listPrice: 999999999999.99 }], { adjustment: -999999999999.99 }).grandTotal).toBe(0);
  });

  it.each([
    [
      "a sub total past the range",
      [
        { quantity: 1, listPrice: 999999999999.99 },
        { quantity: 1, listPrice: 0.01 },
      ],
      {},
      "subTotal",
    ],
    ["a grand total past the range", [{ quantity: 1, listPrice: 999999999999.99, tax: 0.01 }], {}, "grandTotal"],
    ["a discount above the sub total", [{ quantity: 1, listPrice: 10 }], { discount: 10.01 }, "discount"],
    ["a negative discount", [{ quantity: 1, listPrice: 10 }], { discount: -1 }, "discount"],
    [
      "a negative line tax",
      [
        { quantity: 1, listPrice: 10 },
        { quantity: 1, listPrice: 10, tax: -1 },
      ],
      {},
      "lineItems[1].tax",
    ],
    [
      "a line discount above its line",
      [
        { quantity: 1, listPrice: 10 },
        { quantity: 2, listPrice: 1, discount: 3 },
      ],
      {},
      "lineItems[1].discount",
    ],
    ["an adjustment that is not a number", [], { adjustment: "ten" }, "adjustment"],
  ])("refuses %s, naming the field", (_, badLines, charges, field) => {
    expect(() => totalsOf(badLines, charges)).toThrow(expect.objectContaining({ code: ErrorCode.BadUserInput, field }));
  });
});
