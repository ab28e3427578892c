import { randomBytes } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { Dialect } from "./dialect";

/** More than a few pages (SQLite's are 4 KiB): the probe must make the file grow, as a new record would. */
const PROBE_BYTES = 64 * 1024;

/**
 * A tiny write that leaves nothing behind: a table created, filled and dropped inside the caller's transaction.
 * It needs new pages (SQLite) or WAL space (PostgreSQL), so it commits only when real writes can.
 */
export async function writeProbe(manager: EntityManager, dialect: Dialect): Promise<void> {
  // Named per probe: two processes probing one PostgreSQL database must not wait on each other's table.
  const table = `storage_write_probe_${randomBytes(4).toString("hex")}`;
  const payload = dialect === "sqlite" ? `zeroblob(${PROBE_BYTES})` : `decode(repeat('00', ${PROBE_BYTES}), 'hex')`;
  await manager.query(`CREATE TABLE ${table} (payload ${dialect === "sqlite" ? "BLOB" : "BYTEA"})`);
  await manager.query(`INSERT INTO ${table} (payload) VALUES (${payload})`);
  await manager.query(`DROP TABLE ${table}`);
}
