import "reflect-metadata";
import { loadConfig } from "../../src/config/config";
import { startGateway } from "../../src/gateway";
import { createLogger } from "../../src/http/logger";

/**
 * Child process of the initial-sync resume test (run from dist/test/support/initial-sync-child.js): the real
 * gateway, sync worker on (so a RUNNING initial sync resumes at start), on the database the environment names
 * (SQLITE_PATH, or DATABASE_URL + DATABASE_SCHEMA), on 127.0.0.1 and a random port; INITIAL_SYNC_BATCH_SIZE
 * sets the page size. Reports `{ type: "ready", url, pid }` over IPC; stops cleanly on `{ type: "stop" }` or
 * when the parent goes away. The test kills it with SIGKILL instead.
 */
const config = loadConfig(process.env, { port: 0, host: "127.0.0.1", seedDemoData: false, syncWorker: true });

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
  },
  (error: unknown) => {
    console.error(error);
    process.send?.({ type: "failed", message: error instanceof Error ? error.stack ?? error.message : String(error) });
    process.exit(1);
  },
);
