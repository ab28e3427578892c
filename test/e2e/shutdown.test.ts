import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { runPostgresSql } from "../support/postgres-admin";
import WebSocket from "ws";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { handleShutdownSignals } from "../../src/shutdown";

/**
 * Graceful shutdown of the real server process (dist/src/main.js, built by `npm test`): SIGTERM stops accepting
 * connections, lets the request in flight finish, closes WebSockets, stops sync work and the database, and
 * exits 0; a second signal exits at once; a client that never finishes is cut at the drain grace.
 *
 * The request is slow by its upload: headers with `Expect: 100-continue`, the body sent later. The server has
 * received the request (and counts it in flight) once it answers 100 Continue, so no test hook is needed.
 */

const MAIN_PATH = path.resolve(process.cwd(), "dist/src/main.js");
const databaseUrl = process.env.DATABASE_URL;
const START_TIMEOUT_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Server {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const children = new Set<ChildProcess>();
const schemas: string[] = [];
let tempDir: string | null = null;

const pg = (sql: string) => runPostgresSql(databaseUrl!, sql);

/** Runs `node dist/src/main.js` on a fresh database; resolves once it printed its endpoint and wrote its admin token. */
async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const dbEnv: Record<string, string> = {};
  if (databaseUrl) {
    const schema = `shutdown_${randomBytes(6).toString("hex")}`;
    await pg(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    Object.assign(dbEnv, { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema });
  }
  tempDir ??= fs.mkdtempSync(path.join(os.tmpdir(), "gw-shutdown-"));
  const name = randomBytes(4).toString("hex");
  if (!databaseUrl) dbEnv.SQLITE_PATH = path.join(tempDir, `${name}.sqlite`);
  // The start-up admin token is written to this file (owner-only), never printed.
  const tokenFile = path.join(tempDir, `${name}.admin-token`);
  dbEnv.ADMIN_TOKEN_FILE = tokenFile;
  const child = spawn(process.execPath, [MAIN_PATH], {
    env: { ...process.env, ...dbEnv, PORT: "0", HOST: "127.0.0.1", SEED_DEMO_DATA: "false", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once("exit", (code, signal) => (children.delete(child), resolve({ code, signal, at: Date.now() }))),
  );
  const started = Date.now();
  for (;;) {
    const url = /GraphQL endpoint and playground: (\S+)/.exec(output)?.[1];
    const token = output.includes(`written to`) && fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, "utf8").trim() : undefined;
    if (url && token) return { child, url, port: Number(new URL(url).port), token, output: () => output, exited };
    if (child.exitCode !== null || Date.now() - started > START_TIMEOUT_MS) {
      child.kill("SIGKILL");
      throw new Error(`the server did not start (exit code ${child.exitCode})\n${output}`);
    }
    await sleep(25);
  }
}

/** Resolves true once a new TCP connection to the port is refused (the listener is closed). */
async function refusesConnections(port: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(false)));
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
    });
    if (refused) return true;
    await sleep(20);
  }
  return false;
}

interface SlowRequest {
  /** Resolves once the server has the request (it answered 100 Continue). */
  received: Promise<void>;
  /** Sends the rest of the body. */
  finish(): void;
  response: Promise<{ status: number; body: string }>;
}

/** A GraphQL POST whose body arrives in two parts, on a connection of its own. */
function slowRequest(url: string, token: string, document: unknown): SlowRequest {
  const body = Buffer.from(JSON.stringify(document));
  const half = Math.floor(body.length / 2);
  const request = http.request(url, {
    method: "POST",
    agent: false,
    headers: { "content-type": "application/json", "content-length": body.length, authorization: `Bearer ${token}`, expect: "100-continue" },
  });
  const received = new Promise<void>((resolve) => request.once("continue", () => (request.write(body.subarray(0, half)), resolve())));
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.once("error", reject);
    request.once("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.once("end", () => resolve({ status: res.statusCode!, body: text }));
      res.once("error", reject);
    });
  });
  request.flushHeaders();
  return { received, response, finish: () => request.end(body.subarray(half)) };
}

/** A graphql-ws connection with a subscription running; `closed` resolves to the close code the server sends. */
async function openSubscriptionSocket(url: string, token: string): Promise<{ closed: Promise<number> }> {
  const socket = new WebSocket(url.replace(/^http/, "ws"), "graphql-transport-ws");
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })));
    socket.on("message", (data) => (JSON.parse(String(data)) as { type: string }).type === "connection_ack" && resolve());
  });
  socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: "subscription { syncEvents { id status } }" } }));
  return { closed };
}

const CREATE_ACCOUNT = {
  query: "mutation CreateDuringShutdown($input: AccountInput!) { createAccount(input: $input) { record { id accountName } } }",
  variables: { input: { accountName: "Finished while draining" } },
};

afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
});

afterAll(async () => {
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  for (const schema of schemas) await pg(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

describe("graceful shutdown of the server process", () => {
  it("on SIGTERM: refuses new connections, finishes the request in flight with 200, closes WebSockets, exits 0", async () => {
    const server = await startServer();
    const { closed: socketClosed } = await openSubscriptionSocket(server.url, server.token);
    const slow = slowRequest(server.url, server.token, CREATE_ACCOUNT);
    await slow.received;

    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    expect(await refusesConnections(server.port, 3_000)).toBe(true);
    expect(await socketClosed).toBe(1001);
    // Still draining: the process waits for the request it has.
    await sleep(300);
    expect(server.child.exitCode).toBeNull();

    const finishedAt = Date.now();
    slow.finish();
    const response = await slow.response;
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as { errors?: unknown[]; data: { createAccount: { record: unknown } } };
    expect(body.errors).toBeUndefined();
    expect(body.data.createAccount.record).toMatchObject({ accountName: "Finished while draining" });

    const exit = await server.exited;
    expect(exit, server.output()).toMatchObject({ code: 0, signal: null });
    expect(exit.at - finishedAt).toBeLessThan(5_000);
    expect(exit.at - signalledAt).toBeLessThan(10_000);
    expect(server.output()).toContain("shutting down");
    expect(server.output()).toContain("shut down cleanly");
    expect(server.output()).not.toContain("second signal");
  });

  it("a second signal exits at once with 1, without waiting for the request in flight", async () => {
    const server = await startServer();
    const slow = slowRequest(server.url, server.token, CREATE_ACCOUNT);
    slow.response.catch(() => undefined);
    await slow.received;
    server.child.kill("SIGTERM");
    expect(await refusesConnections(server.port, 3_000)).toBe(true);
    const secondAt = Date.now();
    server.child.kill("SIGINT");
    const exit = await server.exited;
    expect(exit, server.output()).toMatchObject({ code: 1, signal: null });
    expect(exit.at - secondAt).toBeLessThan(2_000);
    await expect(slow.response).rejects.toThrow();
  });

  it("a client that never finishes its request is cut at the drain grace, and the process still exits 0 within the timeout", async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_SECONDS: "2" });
    const slow = slowRequest(server.url, server.token, CREATE_ACCOUNT);
    slow.response.catch(() => undefined);
    await slow.received;
    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    expect(exit, server.output()).toMatchObject({ code: 0, signal: null });
    // The drain grace is 80 % of the 2 s timeout.
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(1_500);
    expect(exit.at - signalledAt).toBeLessThan(2_000 + 1_000);
    await expect(slow.response).rejects.toThrow();
  });
});

describe("shutdown signal handling", () => {
  const logger = pino({ level: "silent" });

  function harness(stop: () => Promise<void>, timeoutMs = 1_000) {
    const signals = new EventEmitter();
    const exits: number[] = [];
    let stops = 0;
    const counted = () => {
      stops += 1;
      return stop();
    };
    handleShutdownSignals(counted, { logger, timeoutMs, signals, exit: (code) => exits.push(code) });
    return { signals, exits, stops: () => stops };
  }

  it("exits 0 after a clean stop, and stops only once", async () => {
    const h = harness(() => sleep(20).then(() => undefined));
    h.signals.emit("SIGTERM");
    await sleep(50);
    expect(h.exits).toEqual([0]);
    expect(h.stops()).toBe(1);
  });

  it("exits 1 when stopping fails", async () => {
    const h = harness(() => Promise.reject(new Error("database would not close")));
    h.signals.emit("SIGINT");
    await sleep(10);
    expect(h.exits).toEqual([1]);
  });

  it("exits 1 at the hard timeout when stopping hangs", async () => {
    const h = harness(() => new Promise<void>(() => undefined), 50);
    h.signals.emit("SIGTERM");
    await sleep(20);
    expect(h.exits).toEqual([]);
    await sleep(60);
    expect(h.exits).toEqual([1]);
  });

  it("exits 1 at once on a second signal", async () => {
    const h = harness(() => new Promise<void>(() => undefined), 10_000);
    h.signals.emit("SIGTERM");
    h.signals.emit("SIGTERM");
    expect(h.exits).toEqual([1]);
    expect(h.stops()).toBe(1);
  });
});
