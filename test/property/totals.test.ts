import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors/app-error";
import { toHundredths } from "../../src/common/money";
import { lineAmount, totalsOf, type PricedLine } from "../../src/workflow/totals";

/**
 * Totals on random line sets (PROPERTY_SEED replays a run): the identities of issue #18 hold exactly, and every
 * figure agrees with a plain bigint reference computed from the generated hundredths, whether the inputs arrive as
 * the numbers our columns hold or as PostgreSQL's decimal strings.
 */
const MAX = 10n ** 14n - 1n;

interface LineCents {
  quantity: bigint;
  listPrice: bigint;
  discount: bigint;
  tax: bigint;
}

function lineArb(maxQuantity: bigint, maxPrice: bigint): fc.Arbitrary<LineCents> {
  return fc
    .record({ quantity: fc.bigInt(0n, maxQuantity), listPrice: fc.bigInt(0n, maxPrice), discountShare: fc.nat(100), tax: fc.bigInt(0n, maxPrice) })
    .map(({ quantity, listPrice, discountShare, tax }) => {
      const gross = reference.gross(quantity, listPrice);
      return { quantity, listPrice, discount: (gross * BigInt(discountShare)) / 100n, tax };
    });
}

const reference = {
  /** q × p in ten-thousandths, to hundredths, half up (both are non-negative). */
  gross: (quantity: bigint, listPrice: bigint) => (quantity * listPrice + 50n) / 100n,
  totals(lines: LineCents[], discount: bigint, adjustment: bigint) {
    const amounts = lines.map((l) => reference.gross(l.quantity, l.listPrice) - l.discount);
    const subTotal = amounts.reduce((a, b) => a + b, 0n);
    const tax = lines.reduce((a, l) => a + l.tax, 0n);
    return { amounts, subTotal, tax, grandTotal: subTotal - discount + tax + adjustment };
  },
};

const asNumber = (h: bigint) => Number(h) / 100;
const asString = (h: bigint) => `${h < 0n ? "-" : ""}${(h < 0n ? -h : h) / 100n}.${String((h < 0n ? -h : h) % 100n).padStart(2, "0")}`;
const spell = (line: LineCents, as: (h: bigint) => number | string): PricedLine => ({
  quantity: as(line.quantity),
  listPrice: as(line.listPrice),
  discount: as(line.discount),
  tax: as(line.tax),
});
const cents = (value: number) => toHundredths(value, "result");

describe("document totals (property)", () => {
  const documentArb = (maxQuantity: bigint, maxPrice: bigint, maxLines: number) =>
    fc.record({
      lines: fc.array(lineArb(maxQuantity, maxPrice), { maxLength: maxLines }),
      discountShare: fc.nat(100),
      adjustment: fc.bigInt(-100_000n, 100_000n),
      spelling: fc.constantFrom(asNumber, asString),
    });

  it("sub total = Σ line amounts and grand total = sub total − discount + tax + adjustment, exactly as the bigint reference", () => {
    fc.assert(
      fc.property(documentArb(100_000n, 10_000_000n, 40), ({ lines, discountShare, adjustment, spelling }) => {
        const subTotalCents = reference.totals(lines, 0n, 0n).subTotal;
        const discount = (subTotalCents * BigInt(discountShare)) / 100n;
        const expected = reference.totals(lines, discount, adjustment);
        const totals = totalsOf(
          lines.map((l) => spell(l, spelling)),
          { discount: spelling(discount), adjustment: spelling(adjustment) },
        );

        const amounts = lines.map((l) => cents(lineAmount(spell(l, spelling))));
        expect(amounts).toEqual(expected.amounts);
        expect(cents(totals.subTotal)).toBe(amounts.reduce((a, b) => a + b, 0n));
        expect(cents(totals.grandTotal)).toBe(cents(totals.subTotal) - discount + cents(totals.tax) + adjustment);
        expect({ subTotal: cents(totals.subTotal), tax: cents(totals.tax), grandTotal: cents(totals.grandTotal) }).toEqual({
          subTotal: expected.subTotal,
          tax: expected.tax,
          grandTotal: expected.grandTotal,
        });
        // What is stored is the number nearest the exact value: reading it back gives its two-place spelling.
        expect(String(totals.grandTotal)).toBe(String(Number(asString(expected.grandTotal))));
      }),
    );
  });

  it("near the top of numeric(14,2): exact when the reference fits, BAD_USER_INPUT exactly when it does not", () => {
    fc.assert(
      fc.property(documentArb(10n ** 9n, 10n ** 10n, 6), ({ lines, adjustment, spelling }) => {
        const expected = reference.totals(lines, 0n, adjustment);
        // Inputs must fit their columns too: a discount of most of a huge gross can leave a small amount.
        const inputs = lines.map((l) => l.discount);
        const fits = [...inputs, ...expected.amounts, expected.subTotal, expected.tax, expected.grandTotal].every((v) => v <= MAX && v >= -MAX);
        let outcome: ReturnType<typeof totalsOf> | AppError;
        try {
          outcome = totalsOf(
            lines.map((l) => spell(l, spelling)),
            { adjustment: spelling(adjustment) },
          );
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          outcome = error;
        }
        if (fits) expect(outcome).toEqual({ subTotal: asNumber(expected.subTotal), tax: asNumber(expected.tax), grandTotal: asNumber(expected.grandTotal) });
        else expect(outcome).toMatchObject({ code: "BAD_USER_INPUT" });
      }),
    );
  });
});
