import path from "node:path";
import { ServerProcess } from "./child-protocol";
import type { DatabaseTarget } from "../sql-store";
import type { ServerName } from "../scenarios/scenario";

/** Node flags `npm start` runs the gateway with (package.json). */
const GATEWAY_FLAGS = ["--max-semi-space-size=64"];

const CHILDREN: Record<ServerName, { module: string; env: NodeJS.ProcessEnv; flags?: string[] }> = {
  // The edit scenario syncs in the mutation; a worker's idle polls of the outbox would count as the requests' SQL.
  gateway: { module: "gateway-server.js", env: { SYNC_WORKER: "false" }, flags: GATEWAY_FLAGS },
  // Reads only: no sync worker of its own racing the gateway's for the same outbox (and SQLite's write lock); no
  // execution time budget, which hundreds of sequential statements can exceed on a busy machine.
  unbatched: { module: "gateway-server.js", env: { DATALOADER_BATCHING: "off", SYNC_WORKER: "false", EXECUTION_TIMEOUT_MS: "0" }, flags: GATEWAY_FLAGS },
  // Node's defaults: the baseline served fewer requests a second with the gateway's larger young generation.
  baseline: { module: "baseline-server.js", env: {} },
};

/** One benchmarked server in its own child process, on the given database. */
export function startServer(name: ServerName, target: DatabaseTarget): Promise<ServerProcess> {
  const child = CHILDREN[name];
  return ServerProcess.start(name, path.join(__dirname, child.module), target, child.env, child.flags);
}
