const ZERO = 48;

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The instant of a timestamp as TypeORM stores `Date` columns on SQLite ("2026-11-25 21:25:10.226", UTC), read
 * without the string rewriting and parsing TypeORM's driver does for every value; null for anything else (other
 * formats, out-of-range parts, years before 100), which the caller then hands to the driver. Same instant as the
 * driver's `new Date("2026-11-25T21:25:10.226Z")`.
 */
export function parseSqliteTimestamp(text: string): Date | null {
  if (text.length !== 23 || text[4] !== "-" || text[7] !== "-" || text[10] !== " " || text[13] !== ":" || text[16] !== ":" || text[19] !== ".") return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const millisecond = digits(text, 20, 23);
  if (
    year < 100 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    millisecond < 0
  )
    return null;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond));
}
