import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { Client } from "pg";
import { createDataSource } from "../../src/db/create-data-source";
import { testConfig } from "../support/test-gateway";

describe("migrations", () => {
  const databaseUrl = process.env.DATABASE_URL;
  const schema = databaseUrl ? `mig_${randomBytes(6).toString("hex")}` : null;
  const admin = databaseUrl ? new Client({ connectionString: databaseUrl }) : null;

  afterAll(async () => {
    if (admin && schema) {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });

  it("build exactly the schema the entities describe, and roll back cleanly", async () => {
    if (admin && schema) {
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
    }
    const db = createDataSource(testConfig({ databaseSchema: schema }));
    await db.dataSource.initialize();
    try {
      const applied = await db.dataSource.runMigrations({ transaction: "each" });
      expect(applied.length).toBeGreaterThan(0);
      const drift = await db.dataSource.driver.createSchemaBuilder().log();
      expect(drift.upQueries.map((q) => q.query)).toEqual([]);
      for (let i = 0; i < applied.length; i += 1) await db.dataSource.undoLastMigration({ transaction: "each" });
      const tables = await db.dataSource.createQueryRunner().getTables(["crm_account", "gw_sync_link"]);
      expect(tables).toEqual([]);
    } finally {
      await db.dataSource.destroy();
    }
  });
});
