import { BadUserInputError } from "../../errors/app-error";
import { formatHundredths, fromHundredths, toHundredths } from "../../common/money";

/** A money amount as stored: exact to the cent (rounded half away from zero), never negative. */
export function exactMoney(value: number | null, field: string): number | null {
  if (value === null) return null;
  const cents = toHundredths(value, field);
  if (cents < 0n) throw new BadUserInputError(field, `${field}: ${formatHundredths(cents)} cannot be negative`);
  return fromHundredths(cents);
}
