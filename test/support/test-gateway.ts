import { randomBytes } from "node:crypto";
import pino, { type DestinationStream, type Logger } from "pino";
import { createLogger } from "../../src/http/logger";
import { TEST_LOG_FILE_VARIABLE } from "./log-capture.global";
import { runPostgresSql } from "./postgres-admin";
import { loadConfig, type Config } from "../../src/config/config";
import { startGateway, type Gateway } from "../../src/gateway";
import { ADMINISTRATOR_PROFILE, STANDARD_PROFILE, type User } from "../../src/access/user.entity";
import type { Services } from "../../src/services";
import type { Clock } from "../../src/common/clock";
import { startZohoEmulator, type EmulatorOptions, type ZohoEmulator } from "./zoho-emulator/emulator";
import { createTransportParts } from "./zoho-emulator/transport-parts";
import { InstallMode, InstallState } from "../../src/org/install-state";

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
  /** The vendors' APIs the gateway talks to when GATEWAY_CONNECTORS=zoho (else null: embedded stores). */
  emulator: ZohoEmulator | null;
  stop(): Promise<void>;
}

/** GATEWAY_CONNECTORS=zoho runs every test gateway against the Zoho emulator through the remote connectors. */
export const REMOTE_CONNECTORS = process.env.GATEWAY_CONNECTORS === "zoho";

const EMULATOR_CLIENT = { clientId: "1000.EMULATOR", clientSecret: "emulator-secret", refreshTokens: ["1000.emulator-refresh-token"] };

/** Config that points both connectors at an emulator, through the OAuth transport and the emulator's accounts server. */
export function remoteConfig(emulator: ZohoEmulator): Partial<Config> {
  return {
    crmConnector: "zoho",
    fsmConnector: "zoho",
    crmApiUrl: emulator.apiUrl,
    fsmApiUrl: emulator.apiUrl,
    zohoAccountsUrl: emulator.accountsUrl,
    zohoClientId: EMULATOR_CLIENT.clientId,
    zohoClientSecret: EMULATOR_CLIENT.clientSecret,
    zohoRefreshToken: EMULATOR_CLIENT.refreshTokens[0],
  };
}

let suiteLog: DestinationStream | null = null;

/**
 * The run's log file (log-capture.global.ts), at debug level, through the production logger and its scrubbing:
 * the run fails if any line leaks. Without it (a file run on its own), test gateways log nowhere.
 */
function suiteLogger(config: Config): Logger {
  const file = process.env[TEST_LOG_FILE_VARIABLE];
  if (!file) return pino({ level: "silent" });
  suiteLog ??= pino.destination({ dest: file, append: true, sync: true });
  return createLogger({ ...config, logLevel: "debug" }, suiteLog);
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
  /** "zoho": the remote connectors against a Zoho emulator whatever GATEWAY_CONNECTORS says. */
  connectors?: "embedded" | "zoho";
  /** Routers for the emulator (fault injection), when it runs. */
  emulator?: EmulatorOptions;
  /** Where the gateway logs (default: the suite's log file when one is set up, else nowhere). */
  logger?: Logger;
  /**
   * "integrated" (default): the org installed for all users and integrated before the test's records exist;
   * "fresh": as a new org starts, not installed.
   */
  org?: "integrated" | "fresh";
}

/**
 * Installs for all users (the public step) and records the org as integrated. Integrating an org with no records
 * yet would only add an empty initial sync (its run and its mails) to every test's history, so fixtures record
 * the state it leads to instead.
 */
export async function integrateEmptyOrg(services: Pick<Services, "integration" | "org">, userId: string): Promise<void> {
  await services.integration.install(InstallMode.ALL_USERS, null, userId);
  await services.org.update({ installState: InstallState.INTEGRATED }, userId, "org:integrate");
}

/** The real gateway on a random port and a fresh database, with an Administrator and a Standard user. */
export async function startTestGateway(overrides: Partial<Config> = {}, options: TestGatewayOptions = {}): Promise<TestGateway> {
  const databaseUrl = process.env.DATABASE_URL;
  const schema = databaseUrl ? `test_${randomBytes(6).toString("hex")}` : null;
  if (databaseUrl && schema) await withPostgresSchema(databaseUrl, "create", schema);
  const emulator =
    (options.connectors ?? (REMOTE_CONNECTORS ? "zoho" : "embedded")) === "zoho"
      ? await startZohoEmulator({
          ...options.emulator,
          routers: [...createTransportParts({ oauth: EMULATOR_CLIENT }).factories, ...(options.emulator?.routers ?? [])],
        })
      : null;
  const remote = emulator ? remoteConfig(emulator) : {};
  const config = testConfig({ databaseSchema: schema, ...remote, ...overrides });
  const start = async () => {
    const started = await startGateway(config, options.logger ?? suiteLogger(config), { clock: options.clock });
    // The vendors refuse what their field configuration says; ours is the same catalogue.
    emulator?.useFields(started.services.fields);
    return started;
  };
  const gateway = await start();
  const { access } = gateway.services;
  const makeUser = async (name: string, profile: string): Promise<TestUser> => {
    const user = await access.createUser({ name, email: `${name.toLowerCase()}@test.example`, profile });
    const { token } = await access.issueToken(user.id, "test");
    return { user, token };
  };
  const admin = await makeUser("Admin", ADMINISTRATOR_PROFILE);
  if ((options.org ?? "integrated") === "integrated") await integrateEmptyOrg(gateway.services, admin.user.id);
  const test: TestGateway = {
    url: gateway.url,
    gateway,
    services: gateway.services,
    admin,
    standard: await makeUser("Sam", STANDARD_PROFILE),
    restart: async () => {
      if (!databaseUrl && config.sqlitePath === ":memory:") throw new Error("restart needs a database that outlives the process: pass sqlitePath");
      await test.gateway.stop();
      test.gateway = await start();
      test.services = test.gateway.services;
      test.url = test.gateway.url;
    },
    emulator,
    stop: async () => {
      await test.gateway.stop();
      await emulator?.stop();
      if (databaseUrl && schema) await withPostgresSchema(databaseUrl, "drop", schema);
    },
  };
  return test;
}
