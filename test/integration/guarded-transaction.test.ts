import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataSource } from "typeorm";
import { Database } from "../../src/db/database";
import { StorageUnavailableError } from "../../src/errors/storage-unavailable.error";

/** better-sqlite3's handle, to see what SQLite itself thinks of the transaction. */
const handleOf = (db: Database) => (db.dataSource.driver as unknown as { databaseConnection: { inTransaction: boolean } }).databaseConnection;

// In memory on purpose: such a database cannot be reopened without losing it, so rollback and reset must do.
describe("a write transaction on SQLite after a storage fault (in memory)", () => {
  let db: Database;

  const values = async () => (await db.dataSource.query<{ v: string }[]>("SELECT v FROM t ORDER BY rowid")).map((row) => row.v);
  const fill = async () => {
    const [{ page_count: pages }] = await db.dataSource.query<{ page_count: number }[]>("PRAGMA page_count");
    await db.dataSource.query(`PRAGMA max_page_count = ${pages}`);
  };
  const free = () => db.dataSource.query("PRAGMA max_page_count = 1073741823");
  const tooBig = "INSERT INTO t (v) VALUES (zeroblob(200000))";

  beforeEach(async () => {
    db = new Database(new DataSource({ type: "better-sqlite3", database: ":memory:" }), "sqlite");
    await db.dataSource.initialize();
    await db.dataSource.query("CREATE TABLE t (v BLOB)");
    await db.transaction((m) => m.query("INSERT INTO t (v) VALUES ('before')"));
  });
  afterEach(() => db.dataSource.destroy());

  it("throws StorageUnavailableError and leaves neither SQLite nor TypeORM in a transaction", async () => {
    await fill();
    await expect(db.transaction((m) => m.query(tooBig))).rejects.toBeInstanceOf(StorageUnavailableError);
    const runner = db.dataSource.createQueryRunner();
    expect(runner.isTransactionActive).toBe(false);
    expect((runner as unknown as { transactionDepth: number }).transactionDepth).toBe(0);
    expect(handleOf(db).inTransaction).toBe(false);
    expect(db.writeHealth.failing).toBe(true);
  });

  it("commits the next transaction for real instead of nesting it in the dead one, keeping the data", async () => {
    await fill();
    await expect(db.transaction((m) => m.query(tooBig))).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(db.transaction((m) => m.query(tooBig))).rejects.toBeInstanceOf(StorageUnavailableError);
    // A transaction that fails for its own reason in between (with TypeORM alone: ROLLBACK TO SAVEPOINT, which
    // left SQLite inside a transaction that nothing would ever commit).
    await expect(
      db.transaction(async (m) => {
        await m.query("SELECT 1");
        throw new Error("the work's own");
      }),
    ).rejects.toThrow("the work's own");
    await free();
    await db.transaction((m) => m.query("INSERT INTO t (v) VALUES ('after')"));
    expect(handleOf(db).inTransaction).toBe(false);
    expect(await values()).toEqual(["before", "after"]);
  });

  it("refuses the rest of a transaction whose work swallowed the fault: nothing of it stays", async () => {
    await fill();
    const work = db.transaction(async (m) => {
      await m.query("INSERT INTO t (v) VALUES ('first half')");
      await m.query(tooBig).catch(() => undefined);
      await m.query("INSERT INTO t (v) VALUES ('second half')");
    });
    await expect(work).rejects.toBeInstanceOf(StorageUnavailableError);
    await free();
    expect(await values()).toEqual(["before"]);
  });

  it("stays failing until a write probe commits, then recovers", async () => {
    await fill();
    await expect(db.transaction((m) => m.query(tooBig))).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(await db.probeWrites()).toBe(false);
    expect(db.writeHealth.failing).toBe(true);
    await free();
    expect(await db.probeWrites()).toBe(true);
    expect(db.writeHealth.failing).toBe(false);
    // The probe leaves nothing behind.
    expect(await db.dataSource.query("SELECT name FROM sqlite_master WHERE name LIKE 'storage_write_probe%'")).toHaveLength(0);
    expect(await values()).toEqual(["before"]);
  });

  it("passes errors of the work itself through unchanged, and the connection stays usable", async () => {
    await expect(
      db.transaction(async (m) => {
        await m.query("INSERT INTO t (v) VALUES ('rolled back')");
        throw new Error("the work's own");
      }),
    ).rejects.toThrow("the work's own");
    expect(db.writeHealth.failing).toBe(false);
    await db.transaction((m) => m.query("INSERT INTO t (v) VALUES ('next')"));
    expect(await values()).toEqual(["before", "next"]);
  });
});

describe("a SQLite connection that became unusable", () => {
  const closeHandle = (db: Database) => (db.dataSource.driver as unknown as { databaseConnection: { close(): void } }).databaseConnection.close();
  const insert = (db: Database, v: string) => db.transaction((m) => m.query("INSERT INTO t (v) VALUES (?)", [v]));

  it("is reopened when the database is a file: the next write goes through, earlier data intact", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guarded-transaction-"));
    const db = new Database(new DataSource({ type: "better-sqlite3", database: path.join(dir, "db.sqlite"), enableWAL: true }), "sqlite");
    try {
      await db.dataSource.initialize();
      await db.dataSource.query("CREATE TABLE t (v TEXT)");
      await insert(db, "before");
      closeHandle(db);
      await expect(insert(db, "refused")).rejects.toBeInstanceOf(StorageUnavailableError);
      await insert(db, "after");
      expect((await db.dataSource.query<{ v: string }[]>("SELECT v FROM t ORDER BY rowid")).map((r) => r.v)).toEqual(["before", "after"]);
      expect(await db.probeWrites()).toBe(true);
    } finally {
      await db.dataSource.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is not reopened in memory (that would start an empty database): writes keep failing closed", async () => {
    const db = new Database(new DataSource({ type: "better-sqlite3", database: ":memory:" }), "sqlite");
    await db.dataSource.initialize();
    await db.dataSource.query("CREATE TABLE t (v TEXT)");
    closeHandle(db);
    await expect(insert(db, "refused")).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(insert(db, "refused again")).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(await db.probeWrites()).toBe(false);
    expect(db.writeHealth.failing).toBe(true);
  });
});

describe.skipIf(!process.env.DATABASE_URL)("a write transaction on PostgreSQL (runs only with DATABASE_URL set)", () => {
  let db: Database;
  // Every pool connection must see it (a temporary table would not be), and parallel suites share the database.
  const table = `guarded_transaction_${randomBytes(4).toString("hex")}`;

  beforeEach(async () => {
    db = new Database(new DataSource({ type: "postgres", url: process.env.DATABASE_URL }), "postgres");
    await db.dataSource.initialize();
    await db.dataSource.query(`CREATE TABLE ${table} (v text)`);
  });
  afterEach(async () => {
    await db.dataSource.query(`DROP TABLE ${table}`);
    await db.dataSource.destroy();
  });

  it("is not reported as saved when its work caught a failed statement (COMMIT would silently roll back)", async () => {
    const work = db.transaction(async (m) => {
      await m.query(`INSERT INTO ${table} (v) VALUES ('lost')`);
      await m.query("SELECT 1 / 0").catch(() => undefined);
      return "saved";
    });
    await expect(work).rejects.toThrow(/nothing was saved/);
    expect(db.writeHealth.failing).toBe(false);
    expect(await db.dataSource.query(`SELECT v FROM ${table}`)).toEqual([]);
    await db.transaction((m) => m.query(`INSERT INTO ${table} (v) VALUES ('next')`));
    expect(await db.dataSource.query(`SELECT v FROM ${table}`)).toEqual([{ v: "next" }]);
  });
});
