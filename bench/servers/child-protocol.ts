import { fork, type ChildProcess } from "node:child_process";

/** What a server child reports: SQL statements run so far, its resident memory now and the process's peak. */
export interface ServerStats {
  statements: number;
  rssBytes: number;
  peakRssBytes: number;
}

type ToChild = { type: "stats"; id: number } | { type: "stop" };
type FromChild =
  { type: "ready"; url: string; extraUrls?: Record<string, string> } | { type: "stats"; id: number; stats: ServerStats } | { type: "failed"; message: string };

const PAYLOAD_ENV = "BENCH_SERVER_PAYLOAD";
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

export interface RunningServer {
  url: string;
  /** Further endpoints the child serves besides `url` (the soak's stand-in for the two systems' own APIs). */
  extraUrls?: Record<string, string>;
  stop(): Promise<void>;
}

// ---- child side -------------------------------------------------------------------------------------------

/**
 * Runs in the server child: starts the server from the payload the parent passed, reports its URL, answers
 * stats requests over IPC and stops on request (or when the parent goes away).
 */
export function serveChild<P>(start: (payload: P) => Promise<RunningServer & { statements(): number }>): void {
  const payload = JSON.parse(process.env[PAYLOAD_ENV] ?? "null") as P;
  const send = (message: FromChild) => process.send?.(message);
  start(payload).then(
    (server) => {
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        await server.stop().catch((error) => console.error(error));
        process.exit(0);
      };
      process.on("message", (message: ToChild) => {
        if (message.type === "stats") {
          send({
            type: "stats",
            id: message.id,
            stats: { statements: server.statements(), rssBytes: process.memoryUsage().rss, peakRssBytes: process.resourceUsage().maxRSS * 1024 },
          });
        } else if (message.type === "stop") void stop();
      });
      process.on("disconnect", () => void stop());
      send({ type: "ready", url: server.url, extraUrls: server.extraUrls });
    },
    (error: unknown) => {
      console.error(error);
      send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    },
  );
}

// ---- parent side ------------------------------------------------------------------------------------------

/** A server running in a child process (its own event loop, its own core if there is one free). */
export class ServerProcess {
  private nextId = 0;
  private readonly pending = new Map<number, (stats: ServerStats) => void>();
  private exited: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly url: string,
    readonly extraUrls: Record<string, string> = {},
  ) {
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    child.on("message", (message: FromChild) => {
      if (message.type === "stats") {
        this.pending.get(message.id)?.(message.stats);
        this.pending.delete(message.id);
      }
    });
  }

  get pid(): number {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error("the server process has no pid: it failed to start");
    return pid;
  }

  static start<P>(name: string, modulePath: string, payload: P, env: NodeJS.ProcessEnv = {}, execArgv: string[] = []): Promise<ServerProcess> {
    const child = fork(modulePath, [], {
      execArgv,
      env: { ...process.env, NODE_ENV: "production", ...env, [PAYLOAD_ENV]: JSON.stringify(payload) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    liveChildren.add(child);
    child.once("exit", () => liveChildren.delete(child));
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.off("exit", onEarlyExit);
        child.off("message", onMessage);
        child.kill("SIGKILL");
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      const onEarlyExit = (code: number | null, signal: string | null) => fail(new Error(`${name} exited during start-up (code ${code}, signal ${signal})`));
      const onMessage = (message: FromChild) => {
        if (message.type === "failed") return fail(new Error(`${name} failed to start: ${message.message}`));
        if (message.type !== "ready") return;
        clearTimeout(timer);
        child.off("exit", onEarlyExit);
        child.off("message", onMessage);
        resolve(new ServerProcess(name, child, message.url, message.extraUrls));
      };
      child.on("exit", onEarlyExit);
      child.on("message", onMessage);
    });
  }

  stats(): Promise<ServerStats> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not answer a stats request`)), 10_000);
      this.pending.set(id, (stats) => {
        clearTimeout(timer);
        resolve(stats);
      });
      this.child.send({ type: "stats", id } satisfies ToChild);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.send({ type: "stop" } satisfies ToChild);
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS).unref());
    if ((await Promise.race([this.exited.then(() => "exited" as const), timeout])) === "timeout") {
      this.child.kill("SIGKILL");
      await this.exited;
    }
  }
}

/** Children still running; killed if the parent dies with them up, so no server outlives a failed run. */
const liveChildren = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
});
