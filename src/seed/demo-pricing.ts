import { fromHundredths, multiplyHundredths, toHundredths } from "../common/money";
import { lineAmount, totalsOf, type PricedLine } from "../workflow/totals";

/** Volume discount on a demo line of 3 or more, and a flat sales tax, so that demo totals are more than sums. */
const VOLUME_DISCOUNT_FROM = 3;
const VOLUME_DISCOUNT_HUNDREDTHS = 10n; // 10%
const SALES_TAX_HUNDREDTHS = 8n; // 8%

/** A demo line's priced fields, amount included, computed as the workflow computes them. */
export function demoPricedLine(quantity: number, listPrice: number): { quantity: number; listPrice: number; discount: number; tax: number; amount: number } {
  const gross = multiplyHundredths(toHundredths(quantity, "quantity"), toHundredths(listPrice, "listPrice"));
  const discount = quantity >= VOLUME_DISCOUNT_FROM ? fromHundredths(multiplyHundredths(gross, VOLUME_DISCOUNT_HUNDREDTHS)) : 0;
  const line = { quantity, listPrice, discount, tax: 0 };
  const amount = lineAmount(line);
  return { ...line, tax: fromHundredths(multiplyHundredths(toHundredths(amount, "amount"), SALES_TAX_HUNDREDTHS)), amount };
}

/** The Sub_Total and Grand_Total a document with these lines stores. */
export function documentTotals(lines: readonly PricedLine[]): { subTotal: number; grandTotal: number } {
  const { subTotal, grandTotal } = totalsOf(lines);
  return { subTotal, grandTotal };
}
