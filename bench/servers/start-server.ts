import path from "node:path";
import { ServerProcess } from "./child-protocol";
import type { DatabaseTarget } from "../sql-store";
import type { ServerName } from "../scenarios/scenario";

const CHILDREN: Record<ServerName, { module: string; env: NodeJS.ProcessEnv }> = {
  // The edit scenario syncs in the mutation; a worker's idle polls of the outbox would count as the requests' SQL.
  gateway: { module: "gateway-server.js", env: { SYNC_WORKER: "false" } },
  // Reads only: no sync worker of its own racing the gateway's for the same outbox (and SQLite's write lock); no
  // execution time budget, which hundreds of sequential statements can exceed on a busy machine.
  unbatched: { module: "gateway-server.js", env: { DATALOADER_BATCHING: "off", SYNC_WORKER: "false", EXECUTION_TIMEOUT_MS: "0" } },
  baseline: { module: "baseline-server.js", env: {} },
};

/** One benchmarked server in its own child process, on the given database. */
export function startServer(name: ServerName, target: DatabaseTarget): Promise<ServerProcess> {
  const child = CHILDREN[name];
  return ServerProcess.start(name, path.join(__dirname, child.module), target, child.env);
}
