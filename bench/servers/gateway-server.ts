import "reflect-metadata";
import { loadConfig } from "../../src/config/config";
import { createLogger } from "../../src/http/logger";
import { startGateway } from "../../src/gateway";
import { serveChild } from "./child-protocol";
import type { DatabaseTarget } from "../sql-store";

/** Child process: the real gateway on an already seeded database, on 127.0.0.1 and a random port. */
serveChild<DatabaseTarget>(async (target) => {
  const config = loadConfig(process.env, {
    port: 0,
    host: "127.0.0.1",
    sqlitePath: target.sqlitePath ?? ":memory:",
    databaseUrl: target.databaseUrl,
    databaseSchema: target.databaseSchema,
    seedDemoData: false,
    logLevel: "warn",
    rateLimitPerMinute: 0, // the load comes from one token: the per-token rate limit would measure itself
  });
  const gateway = await startGateway(config, createLogger(config));
  return { url: gateway.url, statements: () => gateway.queryCounter.count, stop: () => gateway.stop() };
});
