import { randomBytes } from "node:crypto";
import pino from "pino";
import { runPostgresSql } from "./postgres-admin";
import { loadConfig, type Config } from "../../src/config/config";
import { startGateway, type Gateway } from "../../src/gateway";
import { ADMINISTRATOR_PROFILE, STANDARD_PROFILE, type User } from "../../src/access/user.entity";
import type { Services } from "../../src/services";
import type { Clock } from "../../src/common/clock";

export interface TestUser {
  user: User;
  token: string;
}

export interface TestGateway {
  url: string;
  gateway: Gateway;
  services: Services;
  admin: TestUser;
  standard: TestUser;
  /** Stops the gateway process's work and starts it again on the same database (a restart). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** On PostgreSQL (DATABASE_URL set) each test file gets a schema of its own, dropped afterwards. */
function withPostgresSchema(databaseUrl: string, work: "create" | "drop", schema: string) {
  return runPostgresSql(databaseUrl, work === "create" ? `CREATE SCHEMA ${schema}` : `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(process.env, { port: 0, host: "127.0.0.1", sqlitePath: ":memory:", seedDemoData: false, logLevel: "silent", ...overrides });
}

export interface TestGatewayOptions {
  /** e.g. a ManualClock, to cross midnights without waiting for them. */
  clock?: Clock;
}

/** The real gateway on a random port and a fresh database, with an Administrator and a Standard user. */
export async function startTestGateway(overrides: Partial<Config> = {}, options: TestGatewayOptions = {}): Promise<TestGateway> {
  const databaseUrl = process.env.DATABASE_URL;
  const schema = databaseUrl ? `test_${randomBytes(6).toString("hex")}` : null;
  if (databaseUrl && schema) await withPostgresSchema(databaseUrl, "create", schema);
  const config = testConfig({ databaseSchema: schema, ...overrides });
  const start = () => startGateway(config, pino({ level: "silent" }), { clock: options.clock });
  const gateway = await start();
  const { access } = gateway.services;
  const makeUser = async (name: string, profile: string): Promise<TestUser> => {
    const user = await access.createUser({ name, email: `${name.toLowerCase()}@test.example`, profile });
    const { token } = await access.issueToken(user.id, "test");
    return { user, token };
  };
  const test: TestGateway = {
    url: gateway.url,
    gateway,
    services: gateway.services,
    admin: await makeUser("Admin", ADMINISTRATOR_PROFILE),
    standard: await makeUser("Sam", STANDARD_PROFILE),
    restart: async () => {
      if (!databaseUrl && config.sqlitePath === ":memory:") throw new Error("restart needs a database that outlives the process: pass sqlitePath");
      await test.gateway.stop();
      test.gateway = await start();
      test.services = test.gateway.services;
      test.url = test.gateway.url;
    },
    stop: async () => {
      await test.gateway.stop();
      if (databaseUrl && schema) await withPostgresSchema(databaseUrl, "drop", schema);
    },
  };
  return test;
}
