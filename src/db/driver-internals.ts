import type { DataSource, QueryRunner } from "typeorm";

/*
 * What TypeORM keeps of its drivers but does not expose in its types: better-sqlite3's handle, node-postgres's
 * client, a runner's transaction bookkeeping. The gateway needs them to fail closed (guarded-transaction.ts) and
 * to read fast (entity-reader.ts). The two casts below are the only place that reaches into them; the fields are
 * those of the pinned versions (typeorm 1.x, better-sqlite3 12, pg 8), and the transaction tests on both
 * databases fail if an upgrade renames one. Imports nothing of ours: everything in src/db may use it.
 */

/** A prepared better-sqlite3 statement, rows as arrays. */
export interface SqliteStatement {
  raw(toggle: boolean): SqliteStatement;
  all(...parameters: unknown[]): unknown[][];
}

/** better-sqlite3's handle: whether SQLite itself has a transaction open, whatever TypeORM believes. */
export interface SqliteHandle {
  open: boolean;
  inTransaction: boolean;
  prepare(sql: string): SqliteStatement;
}

/** node-postgres's client as a runner holds it while connected; older pg versions lack the transaction status. */
export interface PostgresClient {
  readyForQuery?: boolean;
  getTransactionStatus?: () => string | null;
}

/** TypeORM's runner keeps these after a failed COMMIT or ROLLBACK; the next transaction would become a SAVEPOINT. */
export interface TransactionState {
  isTransactionActive: boolean;
  transactionDepth: number;
}

interface SqliteDriver {
  databaseConnection?: SqliteHandle;
}

interface RunnerInternals extends TransactionState {
  databaseConnection?: PostgresClient;
  releasePostgresConnection?: (error?: unknown) => Promise<void>;
}

function runnerInternals(runner: QueryRunner): RunnerInternals {
  return runner as unknown as RunnerInternals;
}

/** better-sqlite3's handle; undefined while the data source is not initialized (before start, after destroy). */
export function sqliteHandleOf(dataSource: DataSource): SqliteHandle | undefined {
  return (dataSource.driver as unknown as SqliteDriver).databaseConnection;
}

/** better-sqlite3's handle of a data source that must be connected. */
export function connectedSqliteHandleOf(dataSource: DataSource): SqliteHandle {
  const handle = sqliteHandleOf(dataSource);
  if (!handle) throw new Error("The SQLite database is not connected");
  return handle;
}

/** The runner's transaction bookkeeping, writable. */
export function transactionStateOf(runner: QueryRunner): TransactionState {
  return runnerInternals(runner);
}

/** node-postgres's client of a PostgreSQL runner; undefined before it connects (and on SQLite). */
export function postgresClientOf(runner: QueryRunner): PostgresClient | undefined {
  return runnerInternals(runner).databaseConnection;
}

/**
 * Releases a PostgreSQL runner's connection with the error that broke it, so the pool drops it instead of
 * reusing it. False when the runner cannot (SQLite): the caller releases it the ordinary way.
 */
export async function releaseBrokenPostgresConnection(runner: QueryRunner, error: Error): Promise<boolean> {
  const internals = runnerInternals(runner);
  if (!internals.releasePostgresConnection) return false;
  await internals.releasePostgresConnection(error);
  return true;
}
