import type { Logger } from "pino";
import type { Config } from "./config/config";
import type { Services } from "./services";
import { createDataSource } from "./db/create-data-source";
import type { Database } from "./db/database";
import { QueryCounter } from "./db/query-counter";
import { createServices } from "./create-services";
import { buildGatewaySchema } from "./schema/build-schema";
import { startHttpServer } from "./http/create-http-server";
import { createLogger } from "./http/logger";
import type { Clock } from "./common/clock";
import type { JitExecutor } from "./http/execution/jit-executor";
import type { TransportFactory } from "./remote/create-transport";
import { isStorageFault } from "./errors/storage-fault";

export interface Gateway {
  url: string;
  services: Services;
  /** SQL statements run so far; tests and benchmarks read it. */
  queryCounter: QueryCounter;
  /** The compiled-query executor (GRAPHQL_EXECUTOR=jit), null with graphql-js; tests read its cache. */
  jit: JitExecutor | null;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  /** Where services read the time; the system clock unless a test passes a ManualClock. */
  clock?: Clock;
  /** How remote connectors reach the vendors (default: src/remote/create-transport.ts). */
  transportFactory?: TransportFactory;
}

/** Config → database (migrated) → services → schema → HTTP server. */
export async function startGateway(config: Config, logger: Logger = createLogger(config), options: GatewayOptions = {}): Promise<Gateway> {
  // While writes fail, every retry's failed statement would log again: the episode's own lines say it once.
  const queryCounter = new QueryCounter((message, error) => {
    if (!(db.writeHealth.failing && isStorageFault(error))) logger.warn({ err: error }, message);
  });
  const db: Database = createDataSource(config, {
    logger: queryCounter,
    writeHealthLog: {
      writesFailing: (error) => logger.error({ err: error }, "storage: writes are failing; requests that write answer STORAGE_UNAVAILABLE"),
      writesRecovered: (failedForMs) => logger.info({ failedForMs }, "storage: writes succeed again"),
    },
  });
  await db.dataSource.initialize();
  try {
    await db.dataSource.runMigrations({ transaction: "each" });
    const services = createServices(config, db, logger, options.clock, options.transportFactory);
    await services.fields.ensureStandardFields();
    await services.syncSettings.ensureDefaults();
    await services.mappings.ensureDefaults();
    await services.mappings.warm();
    await services.conversions.ensureDefaults();
    const schema = await buildGatewaySchema(services.syncEvents);
    const server = await startHttpServer({ services, schema, logger });
    if (config.syncWorker) {
      services.worker.start();
      await services.runScheduler.start();
      await services.initialSync.resume();
      services.crmChannels?.start();
    }
    return {
      url: server.url,
      services,
      queryCounter,
      jit: server.jit,
      stop: async () => {
        await server.stop();
        await services.crmChannels?.stop();
        await services.worker.stop();
        await services.initialSync.stop();
        await services.runScheduler.stop();
        db.stopProbing();
        await db.dataSource.destroy();
      },
    };
  } catch (error) {
    await db.dataSource.destroy();
    throw error;
  }
}
