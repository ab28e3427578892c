import type { DataSource, EntityManager, QueryRunner } from "typeorm";
import type { Dialect } from "./dialect";
import { isStorageFault, TransactionLostError } from "../errors/storage-fault";
import { connectedSqliteHandleOf, postgresClientOf, releaseBrokenPostgresConnection, transactionStateOf, type SqliteHandle } from "./driver-internals";

function sqliteHandle(runner: QueryRunner): SqliteHandle {
  return connectedSqliteHandleOf(runner.connection);
}

/**
 * Leaves the connection with no transaction, in fact and in TypeORM's bookkeeping: ROLLBACK whatever is open
 * (its own failure ignored: the connection may be gone, or SQLite may have rolled back already).
 */
export async function resetTransactionState(runner: QueryRunner, dialect: Dialect): Promise<void> {
  const open = dialect === "sqlite" ? sqliteHandle(runner).open && sqliteHandle(runner).inTransaction : runner.isTransactionActive;
  if (open) await runner.query("ROLLBACK").catch(() => undefined);
  const state = transactionStateOf(runner);
  state.isTransactionActive = false;
  state.transactionDepth = 0;
}

function assertSqliteTransaction(runner: QueryRunner, dialect: Dialect, expected: boolean, when: string): void {
  if (dialect === "sqlite" && sqliteHandle(runner).inTransaction !== expected) throw new TransactionLostError(when);
}

/**
 * PostgreSQL answers COMMIT of a transaction in which a statement failed with a silent ROLLBACK: work that caught
 * such a failure and returned must not be reported as saved. node-postgres tracks the state ("E": failed).
 */
async function assertPostgresTransactionUsable(runner: QueryRunner, dialect: Dialect): Promise<void> {
  if (dialect !== "postgres") return;
  const client = postgresClientOf(runner);
  // A failed statement reaches its caller before the server's "ready, transaction aborted" does: wait for that word
  // (a no-op queued behind it) rather than read a status that is not updated yet.
  if (client?.readyForQuery === false) await runner.query("SELECT 1").catch(() => undefined);
  if (client?.getTransactionStatus?.() === "E") throw new Error("A statement of the transaction failed, so COMMIT would roll it back: nothing was saved");
}

/**
 * On SQLite, refuses any statement once SQLite has rolled the transaction back on its own: it would run in
 * autocommit mode and stay, alone, whatever happens to the rest of the transaction. Returns the undo.
 */
function guardStatements(runner: QueryRunner, dialect: Dialect): () => void {
  if (dialect !== "sqlite") return () => undefined;
  const handle = sqliteHandle(runner);
  const query = runner.query.bind(runner);
  runner.query = function (this: QueryRunner, ...args: Parameters<QueryRunner["query"]>) {
    if (!handle.inTransaction) return Promise.reject(new TransactionLostError("before a statement"));
    return query(...args);
  } as QueryRunner["query"];
  return () => {
    // The runner is SQLite's only one: back to the prototype's method.
    delete (runner as { query?: unknown }).query;
  };
}

/** A faulted PostgreSQL connection goes back to the pool with its error, so the pool drops it instead of reusing it. */
async function release(runner: QueryRunner, fault: unknown): Promise<void> {
  if (fault && (await releaseBrokenPostgresConnection(runner, fault instanceof Error ? fault : new Error(String(fault))))) return;
  await runner.release();
}

/**
 * One transaction that fails closed: SQLite must still hold the transaction when the work ends and none after
 * COMMIT (a statement that hit SQLITE_FULL can roll the whole transaction back under the ORM's feet, and later
 * statements would then autocommit one by one); on any failure the connection is left with no transaction, so
 * no later write can be nested into a dead one.
 */
export async function runGuardedTransaction<T>(dataSource: DataSource, dialect: Dialect, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  let fault: unknown = null;
  try {
    // On SQLite the runner is shared: whatever an earlier failure left open is closed before starting.
    if (dialect === "sqlite" && (runner.isTransactionActive || sqliteHandle(runner).inTransaction)) await resetTransactionState(runner, dialect);
    await runner.startTransaction();
    const unguard = guardStatements(runner, dialect);
    let result: T;
    try {
      result = await work(runner.manager);
    } finally {
      unguard();
    }
    assertSqliteTransaction(runner, dialect, true, "before COMMIT");
    await assertPostgresTransactionUsable(runner, dialect);
    await runner.commitTransaction();
    assertSqliteTransaction(runner, dialect, false, "after COMMIT");
    return result;
  } catch (error) {
    if (isStorageFault(error)) fault = error;
    await resetTransactionState(runner, dialect);
    throw error;
  } finally {
    await release(runner, fault);
  }
}
