import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { chunk } from "../common/chunk";

const ROWS_PER_STATEMENT = 500;

/**
 * Inserts fully-formed rows (ids set by us) in chunks. updateEntity(false) matters: otherwise TypeORM re-reads
 * default columns after the insert and merges them back by position, which on SQLite can hand rows each
 * other's ids.
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<void> {
  for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
    await manager.createQueryBuilder().insert().into(target).values(part as never).updateEntity(false).execute();
  }
}
