import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { loadConfig, type Config } from "../src/config/config";
import type { DatabaseTarget } from "./sql-store";

export type { DatabaseTarget };

export interface FreshDatabase {
  target: DatabaseTarget;
  store: "SQLite" | "PostgreSQL";
  /** Removes the file or drops the schema. A function property: it is handed on detached from the object. */
  dispose: () => Promise<void>;
}

async function onPostgres(databaseUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty database for one benchmark: a SQLite file in a temporary directory, or a new PostgreSQL schema. */
export async function freshDatabase(prefix: string, databaseUrl: string | null): Promise<FreshDatabase> {
  const tmpDir = databaseUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const target: DatabaseTarget = {
    sqlitePath: tmpDir ? path.join(tmpDir, "bench.sqlite") : null,
    databaseUrl,
    databaseSchema: databaseUrl ? `${prefix.replace(/\W/g, "_")}_${randomBytes(6).toString("hex")}` : null,
  };
  if (databaseUrl) await onPostgres(databaseUrl, `CREATE SCHEMA ${target.databaseSchema}`);
  return {
    target,
    store: databaseUrl ? "PostgreSQL" : "SQLite",
    dispose: async () => {
      if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
      if (databaseUrl) await onPostgres(databaseUrl, `DROP SCHEMA IF EXISTS ${target.databaseSchema} CASCADE`);
    },
  };
}

/** The gateway's configuration on a benchmark database: loopback, random port, no demo data, quiet. */
export function benchGatewayConfig(target: DatabaseTarget, overrides: Partial<Config> = {}): Config {
  return loadConfig(process.env, {
    port: 0,
    host: "127.0.0.1",
    sqlitePath: target.sqlitePath ?? ":memory:",
    databaseUrl: target.databaseUrl,
    databaseSchema: target.databaseSchema,
    seedDemoData: false,
    smtpUrl: null,
    logLevel: "warn",
    ...overrides,
  });
}
