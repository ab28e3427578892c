import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** The compiled child script (tsc writes it; `npm test` builds first). */
export const GATEWAY_CHILD_PATH = path.resolve(process.cwd(), "dist/test/support/gateway-child.js");
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const live = new Set<ChildProcess>();
process.on("exit", () => live.forEach((child) => child.kill("SIGKILL")));

/**
 * The real gateway in a child process, for tests that kill it (SIGKILL) and start it again on the same
 * database. Its stderr (the last 20 kB, over all children) is kept for failure messages.
 */
export class GatewayChild {
  static output = "";

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly exited: Promise<void>,
  ) {}

  static assertBuilt(): void {
    if (!fs.existsSync(GATEWAY_CHILD_PATH)) {
      throw new Error(
        `${GATEWAY_CHILD_PATH} is missing: this test runs the compiled gateway child. Run \`npx tsc -p tsconfig.json\` first (\`npm test\` does).`,
      );
    }
  }

  static start(env: NodeJS.ProcessEnv): Promise<GatewayChild> {
    const child = fork(GATEWAY_CHILD_PATH, [], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe", "ipc"] });
    live.add(child);
    const exited = new Promise<void>((resolve) => child.once("exit", () => (live.delete(child), resolve())));
    // stdio "pipe" for stderr: the stream is there.
    child.stderr?.on("data", (chunk: Buffer) => (GatewayChild.output = (GatewayChild.output + chunk.toString()).slice(-20_000)));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`gateway child did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.kill("SIGKILL");
        reject(new Error(`${error.message}\n--- child stderr ---\n${GatewayChild.output}`));
      };
      const onEarlyExit = (code: number | null, signal: string | null) =>
        fail(new Error(`gateway child exited during start-up (code ${code}, signal ${signal})`));
      child.once("exit", onEarlyExit);
      child.on("message", (message: { type: string; url?: string; message?: string }) => {
        if (message.type === "failed") fail(new Error(`gateway child failed to start: ${message.message}`));
        if (message.type !== "ready") return;
        if (!message.url) return fail(new Error("gateway child said it was ready without its URL"));
        clearTimeout(timer);
        child.off("exit", onEarlyExit);
        resolve(new GatewayChild(child, message.url, exited));
      });
    });
  }

  /** The child's process id, to read its memory from /proc (the abuse suite does). */
  get pid(): number {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error("the gateway child has no pid: it failed to start");
    return pid;
  }

  /** False once the child has exited, whatever the cause. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** How the child ended ("code 1", "signal SIGSEGV"), or null while it runs. */
  get exitStatus(): string | null {
    if (this.alive) return null;
    return this.child.signalCode ? `signal ${this.child.signalCode}` : `code ${this.child.exitCode}`;
  }

  async kill(): Promise<void> {
    this.child.kill("SIGKILL");
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.send({ type: "stop" });
    const timeout = sleep(STOP_TIMEOUT_MS).then(() => "timeout" as const);
    if ((await Promise.race([this.exited.then(() => "exited" as const), timeout])) === "timeout") await this.kill();
  }
}
