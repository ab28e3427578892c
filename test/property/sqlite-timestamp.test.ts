import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DateUtils } from "typeorm/util/DateUtils";
import { parseSqliteTimestamp } from "../../src/db/sqlite-timestamp";

/** What TypeORM's SQLite driver makes of a stored `Date` column (AbstractSqliteDriver.prepareHydratedValue). */
function typeormInstant(stored: string): number {
  let value = stored;
  if (/^\d\d\d\d-\d\d-\d\d \d\d:\d\d/.test(value)) value = value.replace(" ", "T");
  if (/^\d\d\d\d-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d\d\d)?)?$/.test(value)) value += "Z";
  return new Date(value).getTime();
}

describe("SQLite timestamps", () => {
  it("reads every instant TypeORM stores as the instant TypeORM reads", () => {
    const instants = fc.date({ min: new Date("0100-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true });
    fc.assert(
      fc.property(instants, (date) => {
        const stored = DateUtils.mixedDateToUtcDatetimeString(date) as string;
        expect(parseSqliteTimestamp(stored)?.getTime()).toBe(typeormInstant(stored));
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves other spellings and out-of-range parts to the driver", () => {
    for (const text of [
      "2026-11-25 21:25:10",
      "2026-11-25T21:25:10.226",
      "2026-13-01 00:00:00.000",
      "2026-01-01 24:00:00.000",
      "0099-01-01 00:00:00.000",
      "2026-1x-01 00:00:00.000",
    ]) {
      expect(parseSqliteTimestamp(text)).toBeNull();
    }
  });
});
