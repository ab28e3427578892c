import fs from "node:fs";
import path from "node:path";
import { DataSource, type Logger } from "typeorm";
import type { Config } from "../config/config";
import { ENTITIES } from "./entities";
import { SQLITE_MIGRATIONS } from "./migrations/sqlite";
import { POSTGRES_MIGRATIONS } from "./migrations/postgres";
import { Database } from "./database";
import type { WriteHealthLog } from "./write-health";

export interface DataSourceOptions {
  logger?: Logger;
  /** Skip the migrations list (used only when generating a new migration). */
  withoutMigrations?: boolean;
  /** Where the start and end of a storage-fault episode are reported. */
  writeHealthLog?: WriteHealthLog;
}

/** PostgreSQL when DATABASE_URL is set, else the embedded SQLite file (":memory:" works too). */
export function createDataSource(config: Config, options: DataSourceOptions = {}): Database {
  if (config.databaseUrl) {
    const dataSource = new DataSource({
      type: "postgres",
      url: config.databaseUrl,
      entities: ENTITIES,
      migrations: options.withoutMigrations ? [] : POSTGRES_MIGRATIONS,
      migrationsTransactionMode: "each",
      logger: options.logger,
      // A schema per test file keeps parallel suites apart; unqualified SQL then lands in it.
      extra: config.databaseSchema ? { options: `-c search_path=${config.databaseSchema}` } : undefined,
    });
    return new Database(dataSource, "postgres", options.writeHealthLog);
  }
  const inMemory = config.sqlitePath === ":memory:";
  if (!inMemory) fs.mkdirSync(path.dirname(config.sqlitePath), { recursive: true });
  const dataSource = new DataSource({
    type: "better-sqlite3",
    database: config.sqlitePath,
    entities: ENTITIES,
    migrations: options.withoutMigrations ? [] : SQLITE_MIGRATIONS,
    migrationsTransactionMode: "each",
    enableWAL: !inMemory,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma("synchronous = NORMAL");
    },
    logger: options.logger,
  });
  return new Database(dataSource, "sqlite", options.writeHealthLog);
}
