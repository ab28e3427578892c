import { startGateway, type Gateway } from "../src/gateway";
import { createLogger } from "../src/http/logger";
import { bootstrapAdmin } from "../src/access/bootstrap-admin";
import { DemoOrgSeeder } from "../src/seed/seed-demo-org";
import { BENCH_SCALE, scaled, type DemoScale } from "../src/seed/demo-scale";
import { openSqlStore } from "./sql-store";
import { benchGatewayConfig, freshDatabase, type DatabaseTarget } from "./database";

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
  "crm_account",
  "crm_contact",
  "crm_deal",
  "crm_sales_order",
  "crm_product",
  "fsm_company",
  "fsm_contact",
  "fsm_request",
  "fsm_estimate",
  "fsm_work_order",
  "fsm_service_appointment",
  "fsm_asset",
  "gw_sync_link",
  "gw_parent_link",
];

/** Seeds the benchmark organisation (BENCH_SCALE at `accounts`) through a running gateway; returns an Administrator's token. */
export async function seedBenchOrg(gateway: Gateway, accounts: number): Promise<string> {
  const bootstrap = await bootstrapAdmin(gateway.services.access);
  await new DemoOrgSeeder(gateway.services, scaled(BENCH_SCALE, accounts), { userId: bootstrap.admin.id }).run();
  return bootstrap.token;
}

/**
 * A fresh database seeded with the benchmark organisation (BENCH_SCALE) at the given number of Accounts.
 * Seeded in this process through the gateway's own services (migrations and all), then closed, so the server
 * children open it cold.
 */
export async function createDataset(accounts: number, databaseUrl: string | null): Promise<Dataset> {
  const scale = scaled(BENCH_SCALE, accounts);
  const database = await freshDatabase("gateway-bench", databaseUrl);
  try {
    const config = benchGatewayConfig(database.target, { syncWorker: false });
    const gateway = await startGateway(config, createLogger(config));
    let token: string;
    const started = performance.now();
    try {
      token = await seedBenchOrg(gateway, accounts);
    } finally {
      await gateway.stop();
    }
    const seedSeconds = (performance.now() - started) / 1000;

    const store = openSqlStore(database.target);
    const rows: Record<string, number> = {};
    try {
      for (const table of COUNTED_TABLES) {
        const [row] = await store.all<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "${table}"`, []);
        rows[table] = Number(row.n);
      }
    } finally {
      await store.close();
    }
    return { target: database.target, store: database.store, scale, token, seedSeconds, rows, dispose: database.dispose };
  } catch (error) {
    await database.dispose().catch(() => undefined);
    throw error;
  }
}
