import type { EntityManager } from "typeorm";
import type { Dialect } from "./dialect";

/**
 * PostgreSQL transaction-scoped advisory locks, held until the transaction commits or rolls back. SQLite runs
 * one write transaction at a time, so there these are no-ops. Two key spaces that never meet: a record's sync
 * (the one-argument lock) and the mass-delete guard's module windows (the two-argument lock, class 7305).
 */

/** The key a sync of one record locks: another worker's sync of it, or a lookup syncing it first, waits. */
export function recordLockKey(side: string, module: string, recordId: string): string {
  return `${side}:${module}:${recordId}`;
}

export async function lockForTransaction(manager: EntityManager, dialect: Dialect, key: string): Promise<void> {
  if (dialect === "postgres") await manager.query("SELECT pg_advisory_xact_lock(hashtext($1))", [key]);
}

/** Serialises the mass-delete guard's assessments of one module's deletions announced from one side. */
export async function lockMassDeleteWindow(manager: EntityManager, dialect: Dialect, side: string, module: string): Promise<void> {
  if (dialect === "postgres") await manager.query("SELECT pg_advisory_xact_lock(7305, hashtext($1))", [`mass-delete:${side}:${module}`]);
}
