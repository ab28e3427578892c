import "reflect-metadata";
import path from "node:path";
import { loadConfig } from "./config/config";
import { startGateway } from "./gateway";
import { createLogger } from "./http/logger";
import { bootstrapAdmin } from "./access/bootstrap-admin";
import { writeAdminTokenFile } from "./access/admin-token-file";
import { seedIfEmpty } from "./seed/seed-if-empty";
import { DEMO_SCALE } from "./seed/demo-scale";
import { handleShutdownSignals } from "./shutdown";
import { InstallState } from "./org/install-state";

async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  const gateway = await startGateway(config, logger);
  const { admin, token } = await bootstrapAdmin(gateway.services.access);
  if (config.seedDemoData && (await seedIfEmpty(gateway.services, DEMO_SCALE, { userId: admin.id }))) {
    logger.info("seeded the demo organisation");
  }
  writeAdminTokenFile(config.adminTokenFile, token);
  const store = config.databaseUrl ? "PostgreSQL" : `SQLite (${config.sqlitePath})`;
  const { installState } = await gateway.services.org.get();
  const tokenFile = path.relative(process.cwd(), config.adminTokenFile) || config.adminTokenFile;
  // The token itself goes to a file only this user can read: stdout ends up in logs (systemd, containers).
  process.stdout.write(
    `\nfsm-crm-gateway is running on ${store}\n` +
      `  GraphQL endpoint and playground: ${gateway.url}\n` +
      `  Admin token (new at every start) written to ${tokenFile} (readable by you only): cat ${tokenFile}\n` +
      `  In the playground, set the header {"Authorization": "Bearer <that token>"}\n` +
      `  Integration: ${installState}${installState === InstallState.NOT_INSTALLED ? " (install it: docs/operations.md, Installing the integration)" : ""}\n\n`,
  );
  handleShutdownSignals(() => gateway.stop(), { logger, timeoutMs: config.shutdownTimeoutMs });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
