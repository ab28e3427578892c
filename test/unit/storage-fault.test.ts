import { describe, expect, it } from "vitest";
import { QueryFailedError } from "typeorm";
import { isStorageFault } from "../../src/errors/storage-fault";

/** A driver error as better-sqlite3, node-postgres or Node's sockets raise it, wrapped as TypeORM does. */
function driverError(code: string | undefined, message = "driver said no"): QueryFailedError {
  return new QueryFailedError("COMMIT", [], Object.assign(new Error(message), code ? { code } : {}));
}

describe("isStorageFault: the database failing, not the request", () => {
  it.each([
    "SQLITE_FULL",
    "SQLITE_IOERR",
    "SQLITE_IOERR_WRITE",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_READONLY",
    "SQLITE_READONLY_DBMOVED",
    "SQLITE_CORRUPT",
    "SQLITE_NOTADB",
    "SQLITE_CANTOPEN",
    "57P01",
    "57P02",
    "57P03",
    "08006",
    "08003",
    "53100",
    "58030",
    "XX001",
    "25006",
    "ECONNRESET",
    "ECONNREFUSED",
  ])("%s is a storage fault", (code) => {
    expect(isStorageFault(driverError(code))).toBe(true);
  });

  it.each(["Connection terminated unexpectedly", "The database connection is not open"])("'%s' is a storage fault", (message) => {
    expect(isStorageFault(new Error(message))).toBe(true);
    expect(isStorageFault(driverError(undefined, message))).toBe(true);
  });

  it.each(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_ERROR", "23505", "40001", "40P01", "22P02", "42P01"])("%s is the request's own failure", (code) => {
    expect(isStorageFault(driverError(code))).toBe(false);
  });

  it("finds a fault a few wrappers deep, and not in plain errors", () => {
    expect(isStorageFault(new Error("wrapped", { cause: driverError("SQLITE_FULL") }))).toBe(true);
    expect(isStorageFault(new Error("record rejected"))).toBe(false);
    expect(isStorageFault(null)).toBe(false);
  });
});
