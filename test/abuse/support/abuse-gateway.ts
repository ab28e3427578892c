import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createDataSource } from "../../../src/db/create-data-source";
import { createServices } from "../../../src/create-services";
import type { Database } from "../../../src/db/database";
import { ADMINISTRATOR_PROFILE, STANDARD_PROFILE } from "../../../src/access/user.entity";
import { InstallMode, InstallState } from "../../../src/org/install-state";
import { runPostgresSql } from "../../support/postgres-admin";
import { testConfig } from "../../support/test-gateway";
import { GatewayChild } from "../../support/gateway-child-process";
import { buildSmallOrg } from "../../support/small-org";

export const HOOK_SECRET = "abuse-hook-secret";
export const FSM_WEBHOOK_KEY = "abuse-fsm-webhook-key";
export const CRM_NOTIFICATION_TOKEN = "abuse-crm-notification-token";

/** What the suite drives: a gateway child process, its tokens and a pool of real ids. */
export interface AbuseGateway {
  child: GatewayChild;
  url: string;
  /** http://host:port, for paths beside /graphql. */
  origin: string;
  store: "PostgreSQL" | "SQLite";
  adminToken: string;
  standardToken: string;
  /** Ids of records that exist (Accounts, Work Orders, users…), so generated ids are not all dangling. */
  ids: string[];
  stop(): Promise<void>;
}

/**
 * The gateway as production runs it, in a child process (so a crash is seen and its memory measured), on a
 * database of its own: a SQLite file, or a schema of its own when DATABASE_URL is set. The parent migrates it,
 * builds the small organisation, installs the integration for all users and issues an admin and a standard
 * token before the child starts. The rate limit is off: the suite sends far more than a client's allowance,
 * and 429s would hide what lies behind them.
 */
export async function startAbuseGateway(name: string, env: NodeJS.ProcessEnv = {}): Promise<AbuseGateway> {
  GatewayChild.assertBuilt();
  const databaseUrl = process.env.DATABASE_URL;
  const schema = databaseUrl ? `abuse_${name.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}` : null;
  const tempDir = databaseUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), `abuse-${name}-`));
  const sqlitePath = tempDir ? path.join(tempDir, "gateway.sqlite") : ":memory:";
  if (databaseUrl && schema) await runPostgresSql(databaseUrl, `CREATE SCHEMA ${schema}`);

  const config = testConfig({ databaseSchema: schema, sqlitePath });
  const db: Database = createDataSource(config);
  await db.dataSource.initialize();
  await db.dataSource.runMigrations({ transaction: "each" });
  const services = createServices(config, db, pino({ level: "silent" }));
  const admin = await services.access.createUser({ name: "Abuse Admin", email: "admin@abuse.example", profile: ADMINISTRATOR_PROFILE });
  const standard = await services.access.createUser({ name: "Abuse Standard", email: "standard@abuse.example", profile: STANDARD_PROFILE });
  const adminToken = (await services.access.issueToken(admin.id, "abuse")).token;
  const standardToken = (await services.access.issueToken(standard.id, "abuse")).token;
  const org = await buildSmallOrg(services, admin.id);
  await services.org.update(
    { installState: InstallState.INTEGRATED, installMode: InstallMode.ALL_USERS, installProfiles: null, statusReason: null },
    admin.id,
    "abuse",
  );
  await db.dataSource.destroy();

  const child = await GatewayChild.start({
    ...(databaseUrl && schema ? { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema } : { DATABASE_URL: "", SQLITE_PATH: sqlitePath }),
    LOG_LEVEL: process.env.ABUSE_LOG_LEVEL ?? "fatal",
    SEED_DEMO_DATA: "false",
    RATE_LIMIT_PER_MINUTE: "0",
    HOOK_SECRET,
    FSM_WEBHOOK_KEY,
    CRM_NOTIFICATION_TOKEN,
    ...env,
  });
  const ids = [admin.id, standard.id, ...Object.values(org).map((record) => (record as { id: string }).id)];
  return {
    child,
    url: child.url,
    origin: new URL(child.url).origin,
    store: databaseUrl ? "PostgreSQL" : "SQLite",
    adminToken,
    standardToken,
    ids,
    stop: async () => {
      await child.stop();
      if (databaseUrl && schema) await runPostgresSql(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
