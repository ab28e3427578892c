import { describe, expect, it } from "vitest";
import { createErrorFormatter } from "../../src/errors/format-error";

/** A driver's error as TypeORM wraps it (QueryFailedError keeps the driver's own under driverError). */
function driverError(code: string): Error {
  return Object.assign(new Error("query failed"), { driverError: Object.assign(new Error("disk I/O error"), { code }) });
}

describe("the error formatter", () => {
  const logged: unknown[] = [];
  const format = createErrorFormatter((error) => logged.push(error));

  it("answers a database that cannot answer a read with STORAGE_UNAVAILABLE, not INTERNAL, and logs nothing", () => {
    for (const code of ["SQLITE_IOERR_READ", "57P01", "ECONNRESET"]) {
      expect(format({ message: "x", path: ["accounts"] }, driverError(code)).extensions?.code).toBe("STORAGE_UNAVAILABLE");
    }
    expect(logged).toEqual([]);
  });

  it("still answers an unknown failure with INTERNAL_SERVER_ERROR and logs it", () => {
    expect(format({ message: "x" }, new TypeError("boom")).extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(logged).toHaveLength(1);
  });
});
