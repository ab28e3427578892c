import "reflect-metadata";
import { createLogger } from "../../src/http/logger";
import { startGateway } from "../../src/gateway";
import { serveChild } from "./child-protocol";
import { benchGatewayConfig, type DatabaseTarget } from "../database";

/**
 * Child process: the real gateway on an already seeded database, on 127.0.0.1 and a random port. The rest of its
 * configuration comes from the environment the parent gives it (e.g. DATALOADER_BATCHING=off).
 */
serveChild<DatabaseTarget>(async (target) => {
  // The load comes from one token: the per-token rate limit would measure itself.
  const config = benchGatewayConfig(target, { rateLimitPerMinute: 0 });
  const gateway = await startGateway(config, createLogger(config));
  return { url: gateway.url, statements: () => gateway.queryCounter.count, stop: () => gateway.stop() };
});
