import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { loadConfig } from "../src/config/config";
import { createLogger } from "../src/http/logger";
import { startGateway } from "../src/gateway";
import { bootstrapAdmin } from "../src/access/bootstrap-admin";
import { DemoOrgSeeder } from "../src/seed/seed-demo-org";
import { BENCH_SCALE, scaled, type DemoScale } from "../src/seed/demo-scale";
import { openSqlStore, type DatabaseTarget } from "./sql-store";

export type { DatabaseTarget };

export interface Dataset {
  target: DatabaseTarget;
  store: "SQLite" | "PostgreSQL";
  scale: DemoScale;
  /** An Administrator's bearer token (the gateway and the baseline both check it). */
  token: string;
  seedSeconds: number;
  /** Rows per table after seeding. */
  rows: Record<string, number>;
  dispose(): Promise<void>;
}

const COUNTED_TABLES = [
  "crm_account", "crm_contact", "crm_deal", "crm_sales_order", "crm_product",
  "fsm_company", "fsm_contact", "fsm_request", "fsm_estimate", "fsm_work_order", "fsm_service_appointment", "fsm_asset",
  "gw_sync_link", "gw_parent_link",
];

async function onPostgres(databaseUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database seeded with the benchmark organisation at the given number of Accounts: a SQLite file in a
 * temporary directory, or a new schema on PostgreSQL. Seeded in this process through the gateway's own services
 * (migrations and all), then closed, so the server children open it cold.
 */
export async function createDataset(accounts: number, databaseUrl: string | null): Promise<Dataset> {
  const scale = scaled(BENCH_SCALE, accounts);
  const tmpDir = databaseUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), "gateway-bench-"));
  const target: DatabaseTarget = {
    sqlitePath: tmpDir ? path.join(tmpDir, "bench.sqlite") : null,
    databaseUrl,
    databaseSchema: databaseUrl ? `bench_${randomBytes(6).toString("hex")}` : null,
  };
  const dispose = async () => {
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    if (databaseUrl) await onPostgres(databaseUrl, `DROP SCHEMA IF EXISTS ${target.databaseSchema} CASCADE`);
  };
  try {
    if (databaseUrl) await onPostgres(databaseUrl, `CREATE SCHEMA ${target.databaseSchema}`);
    const config = loadConfig(process.env, {
      port: 0,
      host: "127.0.0.1",
      sqlitePath: target.sqlitePath ?? ":memory:",
      databaseUrl: target.databaseUrl,
      databaseSchema: target.databaseSchema,
      seedDemoData: false,
      logLevel: "warn",
    });
    const gateway = await startGateway(config, createLogger(config));
    let token: string;
    const started = performance.now();
    try {
      const bootstrap = await bootstrapAdmin(gateway.services.access);
      token = bootstrap.token;
      await new DemoOrgSeeder(gateway.services, scale, { userId: bootstrap.admin.id }).run();
    } finally {
      await gateway.stop();
    }
    const seedSeconds = (performance.now() - started) / 1000;

    const store = openSqlStore(target);
    const rows: Record<string, number> = {};
    try {
      for (const table of COUNTED_TABLES) {
        const [row] = await store.all<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "${table}"`, []);
        rows[table] = Number(row.n);
      }
    } finally {
      await store.close();
    }
    return { target, store: databaseUrl ? "PostgreSQL" : "SQLite", scale, token, seedSeconds, rows, dispose };
  } catch (error) {
    await dispose().catch(() => undefined);
    throw error;
  }
}
