import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { chunk } from "../common/chunk";
import { anyEntity } from "./any-entity";

const ROWS_PER_STATEMENT = 500;

/**
 * Inserts fully-formed rows (ids set by us) in chunks. updateEntity(false) matters: otherwise TypeORM re-reads
 * default columns after the insert and merges them back by position, which on SQLite can hand rows each
 * other's ids.
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<void> {
  for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
    await manager.createQueryBuilder().insert().into(anyEntity(target)).values(part).updateEntity(false).execute();
  }
}

/** Inserts one fully-formed row whose integer primary key `id` the database generates, and returns that id. */
export async function insertReturningId<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, row: T): Promise<number> {
  const insert = manager.createQueryBuilder().insert().into(anyEntity(target)).values(row).updateEntity(false);
  // PostgreSQL answers RETURNING rows; TypeORM's SQLite drivers have no RETURNING, better-sqlite3 answers lastInsertRowid.
  if (manager.connection.driver.isReturningSqlSupported("insert")) insert.returning(["id"]);
  const raw: unknown = (await insert.execute()).raw;
  return Number(Array.isArray(raw) ? (raw[0] as { id: number | string }).id : raw);
}
