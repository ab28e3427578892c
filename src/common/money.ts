import { BadUserInputError } from "../errors/app-error";

/**
 * A numeric(14,2) value (money, or a quantity) as an exact integer count of hundredths: cents for money.
 * bigint, so that products and long sums never lose a cent before the range check.
 */
export type Hundredths = bigint;

/** What a DecimalColumn holds: a number (the transformer's output) or a decimal string (PostgreSQL, raw SQL). */
export type DecimalValue = number | string;

/** numeric(14,2) holds up to 12 digits before the point: |value| ≤ 999,999,999,999.99. */
export const MAX_HUNDREDTHS: Hundredths = 10n ** 14n - 1n;

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * The exact value of a decimal, rounded to two places half away from zero (as PostgreSQL's numeric does).
 * A number is read through its shortest decimal spelling, so 0.1 is exactly 0.10, and 0.1 + 0.2 (which prints as
 * 0.30000000000000004) is 0.30. Refused with BAD_USER_INPUT on `field`: anything that is not a finite decimal, or
 * a value outside numeric(14,2).
 */
export function toHundredths(value: DecimalValue, field: string): Hundredths {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value.trim();
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === "" && !match[3]))
    throw new BadUserInputError(field, `${field}: ${typeof value === "string" ? JSON.stringify(value) : value} is not a decimal number`);
  const [, sign, whole, fraction = "", exponentText = "0"] = match;
  const significant = `${whole}${fraction}`.replace(/^0+/, "");
  // The value is significant × 10^shift hundredths; huge exponents are judged by length, not computed.
  const shift = Number(exponentText) - fraction.length + 2;
  if (significant === "") return 0n;
  if (significant.length + shift > 15) throw outOfRange(`${sign}${text.replace(/^[+-]/, "")}`, field);
  if (shift < -(significant.length + 1)) return 0n;
  const digits = BigInt(significant);
  const magnitude = shift >= 0 ? digits * 10n ** BigInt(shift) : divideRounded(digits, 10n ** BigInt(-shift));
  return assertInRange(sign === "-" ? -magnitude : magnitude, field);
}

/** The number a DecimalColumn stores: the double nearest to the exact value (as parsing its decimal spelling gives). */
export function fromHundredths(value: Hundredths): number {
  // Exact below 2^53, and IEEE division rounds once, to the same double as Number("123.45").
  return Number(value) / 100;
}

/** The decimal spelling with exactly two places, e.g. "-1234.50": what PostgreSQL returns and logs show. */
export function formatHundredths(value: Hundredths): string {
  const magnitude = value < 0n ? -value : value;
  const cents = String(magnitude % 100n).padStart(2, "0");
  return `${value < 0n ? "-" : ""}${magnitude / 100n}.${cents}`;
}

/** a × b, both in hundredths, rounded to hundredths half away from zero (quantity × price). */
export function multiplyHundredths(a: Hundredths, b: Hundredths): Hundredths {
  return divideRounded(a * b, 100n);
}

export function sumHundredths(values: Iterable<Hundredths>): Hundredths {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/** Refuses a value numeric(14,2) cannot store, naming the field it was to be stored in. */
export function assertInRange(value: Hundredths, field: string): Hundredths {
  if (value > MAX_HUNDREDTHS || value < -MAX_HUNDREDTHS) throw outOfRange(formatHundredths(value), field);
  return value;
}

function outOfRange(spelled: string, field: string): BadUserInputError {
  return new BadUserInputError(field, `${field}: ${spelled} is outside what a money or quantity field holds (±999999999999.99)`);
}

/** numerator / denominator (denominator > 0), rounded half away from zero. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const magnitude = numerator < 0n ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  return numerator < 0n ? -quotient : quotient;
}
