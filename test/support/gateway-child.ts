import "reflect-metadata";
import { loadConfig } from "../../src/config/config";
import { startGateway } from "../../src/gateway";
import { createLogger } from "../../src/http/logger";

/**
 * Test child process (run from dist/test/support/gateway-child.js): the real gateway, sync worker included, on
 * the database the environment names (SQLITE_PATH, or DATABASE_URL + DATABASE_SCHEMA), on 127.0.0.1 and a
 * random port. Reports `{ type: "ready", url }` over IPC (and `GATEWAY_URL <url>` on stdout); stops cleanly
 * when the parent disconnects or sends `{ type: "stop" }`. The crash test kills it with SIGKILL instead.
 */
const config = loadConfig(process.env, { port: 0, host: "127.0.0.1", seedDemoData: false });

startGateway(config, createLogger(config)).then(
  (gateway) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      gateway.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    };
    process.on("message", (message: { type?: string }) => message?.type === "stop" && stop());
    process.on("disconnect", stop);
    process.on("SIGTERM", stop);
    process.send?.({ type: "ready", url: gateway.url, pid: process.pid });
    process.stdout.write(`GATEWAY_URL ${gateway.url}\n`);
  },
  (error: unknown) => {
    console.error(error);
    process.send?.({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
