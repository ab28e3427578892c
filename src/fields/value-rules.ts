/**
 * Checks of one typed value, shared by standard columns and custom fields. Each answers what is wrong (the end
 * of a message, never the value: messages can end up in logs) or null.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const INT32_MAX = 2 ** 31 - 1;

/** numeric(precision, scale): finite, fewer than precision − scale whole digits, at most scale decimals. */
export function decimalProblem(value: unknown, precision: number, scale: number): string | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return "must be a number";
  const limit = 10 ** (precision - scale);
  if (Math.abs(value) >= limit) return `must be between -${limit} and ${limit} (exclusive)`;
  if (Number(value.toFixed(scale)) !== value) return `at most ${scale} decimal places`;
  return null;
}

/** A 32-bit integer, as every integer column and the vendors' integer fields hold. */
export function integerProblem(value: unknown): string | null {
  if (typeof value !== "number" || !Number.isInteger(value)) return "must be a whole number";
  if (Math.abs(value) > INT32_MAX) return `must be between -${INT32_MAX} and ${INT32_MAX}`;
  return null;
}

/** YYYY-MM-DD naming a day that exists (PostgreSQL refuses 2020-02-31, SQLite would keep it). */
export function dateProblem(value: unknown): string | null {
  const match = typeof value === "string" ? DATE.exec(value) : null;
  if (!match) return "must be a date as YYYY-MM-DD";
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return "must be a date that exists";
  return null;
}

/** An ISO 8601 date and time with its offset. */
export function dateTimeProblem(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "must be a valid date and time" : null;
  if (typeof value !== "string" || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) return "must be an ISO 8601 date and time";
  return dateProblem(value.slice(0, 10));
}
