import "reflect-metadata";
import { loadConfig } from "./config/config";
import { startGateway } from "./gateway";
import { createLogger } from "./http/logger";
import { bootstrapAdmin } from "./access/bootstrap-admin";
import { seedIfEmpty } from "./seed/seed-if-empty";
import { DEMO_SCALE } from "./seed/demo-scale";
import { handleShutdownSignals } from "./shutdown";

async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  const gateway = await startGateway(config, logger);
  const { admin, token } = await bootstrapAdmin(gateway.services.access);
  if (config.seedDemoData && (await seedIfEmpty(gateway.services, DEMO_SCALE, { userId: admin.id }))) {
    logger.info("seeded the demo organisation");
  }
  const store = config.databaseUrl ? "PostgreSQL" : `SQLite (${config.sqlitePath})`;
  // Printed, not logged: the token must not end up in log files.
  process.stdout.write(
    `\nfsm-crm-gateway is running on ${store}\n` +
      `  GraphQL endpoint and playground: ${gateway.url}\n` +
      `  Admin token (new at every start): ${token}\n` +
      `  In the playground, set the header {"Authorization": "Bearer ${token}"}\n\n`,
  );
  handleShutdownSignals(() => gateway.stop(), { logger, timeoutMs: config.shutdownTimeoutMs });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
