import { BadUserInputError } from "../errors/app-error";
import {
  assertInRange,
  formatHundredths,
  fromHundredths,
  multiplyHundredths,
  sumHundredths,
  toHundredths,
  type DecimalValue,
  type Hundredths,
} from "../common/money";

/** The priced fields of an Estimate, Work Order or Sales Order line, as the line entities hold them. */
export interface PricedLine {
  quantity: DecimalValue;
  /** No price yet counts as 0. */
  listPrice?: DecimalValue | null;
  discount?: DecimalValue | null;
  tax?: DecimalValue | null;
}

/** Amounts on the whole document. The entities carry no columns for them yet, so today they are 0. */
export interface DocumentCharges {
  discount?: DecimalValue | null;
  /** Rounding or a goodwill correction; may be negative. */
  adjustment?: DecimalValue | null;
}

/** A document's totals, as numbers ready for its DecimalColumns; computed exactly, in hundredths. */
export interface Totals {
  subTotal: number;
  /** The document's tax: the sum of its lines' tax. */
  tax: number;
  grandTotal: number;
}

/** quantity × list price − line discount, exact, rounded once to the cent (the product), half away from zero. */
export function lineAmount(line: PricedLine, field = "lineItem"): number {
  return fromHundredths(lineAmountInHundredths(line, field));
}

/**
 * sub total = Σ line amounts; tax = Σ line tax; grand total = sub total − discount + tax + adjustment.
 * Refused with BAD_USER_INPUT (naming the field, e.g. `lineItems[2].discount`) when a value is negative where it
 * cannot be, a discount is more than what it discounts, or a result does not fit numeric(14,2).
 */
export function totalsOf(lines: readonly PricedLine[], charges: DocumentCharges = {}): Totals {
  const subTotal = assertInRange(sumHundredths(lines.map((line, i) => lineAmountInHundredths(line, `lineItems[${i}]`))), "subTotal");
  const tax = assertInRange(sumHundredths(lines.map((line, i) => nonNegative(line.tax, `lineItems[${i}].tax`))), "tax");
  const discount = nonNegative(charges.discount, "discount");
  if (discount > subTotal)
    throw new BadUserInputError("discount", `discount: ${formatHundredths(discount)} is more than the sub total ${formatHundredths(subTotal)}`);
  const adjustment = toHundredths(charges.adjustment ?? 0, "adjustment");
  const grandTotal = assertInRange(subTotal - discount + tax + adjustment, "grandTotal");
  return { subTotal: fromHundredths(subTotal), tax: fromHundredths(tax), grandTotal: fromHundredths(grandTotal) };
}

function lineAmountInHundredths(line: PricedLine, field: string): Hundredths {
  const gross = multiplyHundredths(nonNegative(line.quantity, `${field}.quantity`), nonNegative(line.listPrice, `${field}.listPrice`));
  const discount = nonNegative(line.discount, `${field}.discount`);
  if (discount > gross)
    throw new BadUserInputError(
      `${field}.discount`,
      `${field}.discount: ${formatHundredths(discount)} is more than quantity × list price ${formatHundredths(gross)}`,
    );
  return assertInRange(gross - discount, `${field}.amount`);
}

function nonNegative(value: DecimalValue | null | undefined, field: string): Hundredths {
  const parsed = toHundredths(value ?? 0, field);
  if (parsed < 0n) throw new BadUserInputError(field, `${field}: ${formatHundredths(parsed)} cannot be negative`);
  return parsed;
}
