import { WebSocket } from "ws";
import type { AbuseLedger } from "./abuse-ledger";
import { codesOf } from "./http-abuse-client";

export const GRAPHQL_WS_PROTOCOL = "graphql-transport-ws";
/** 1011 (ws) and 4500 (graphql-ws) say the server failed; 1006 that it dropped the socket without a close frame. */
const FAILURE_CLOSE_CODES = new Set([1006, 1011, 4500]);

export interface WsMessage {
  type?: unknown;
  id?: unknown;
  payload?: unknown;
}

/** One raw socket on /graphql: every message received and how it closed, for the checks below. */
export class AbuseSocket {
  readonly received: WsMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  private readonly socket: WebSocket;
  private readonly whenClosed: Promise<void>;
  readonly opened: Promise<boolean>;

  constructor(url: string, protocol: string | undefined = GRAPHQL_WS_PROTOCOL) {
    this.socket = new WebSocket(url.replace(/^http/, "ws"), protocol ? [protocol] : [], { maxPayload: 64 * 1024 * 1024 });
    this.opened = new Promise((resolve) => {
      this.socket.once("open", () => resolve(true));
      this.socket.once("error", () => resolve(false));
    });
    this.whenClosed = new Promise((resolve) => this.socket.once("close", (code, reason) => ((this.closed = { code, reason: String(reason) }), resolve())));
    this.socket.on("error", () => undefined);
    this.socket.on("message", (data) => {
      let message: WsMessage;
      try {
        message = JSON.parse(String(data)) as WsMessage;
      } catch {
        message = { type: "<not JSON>", payload: String(data).slice(0, 200) };
      }
      this.received.push(message);
    });
  }

  send(data: string | Buffer): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(data);
  }

  sendJson(message: unknown): void {
    this.send(JSON.stringify(message));
  }

  /** Resolves when a message matches, the socket closes, or the time is up. */
  async waitFor(match: (message: WsMessage) => boolean, timeoutMs: number): Promise<WsMessage | null> {
    const started = Date.now();
    for (;;) {
      const found = this.received.find(match);
      if (found || this.closed || Date.now() - started > timeoutMs) return found ?? null;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    if (!this.closed) this.socket.close(1000);
    await Promise.race([this.whenClosed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    if (!this.closed) this.socket.terminate();
  }
}

/** Opens a socket and sends connection_init; a refusal shows in the socket's messages and close. */
export async function connectedSocket(url: string, token: string | undefined, timeoutMs = 5_000): Promise<AbuseSocket> {
  const socket = new AbuseSocket(url);
  await socket.opened;
  socket.sendJson({ type: "connection_init", payload: token ? { authorization: `Bearer ${token}` } : {} });
  await socket.waitFor((m) => m.type === "connection_ack", timeoutMs);
  return socket;
}

/** Every message and the close must keep the rules; returns the codes seen, and records them. */
export function checkSocket(socket: AbuseSocket, ledger: AbuseLedger, where: string, input: unknown): string[] {
  const codes: string[] = [];
  for (const message of socket.received) {
    if (message.type === "<not JSON>") ledger.breach({ rule: "WebSocket message is not JSON", where, answer: String(message.payload) }, input);
    const errors = message.type === "error" ? { errors: message.payload } : message.type === "next" ? message.payload : undefined;
    if (!errors) continue;
    const { codes: found, uncoded } = codesOf(errors);
    codes.push(...found);
    const said = JSON.stringify(message).slice(0, 300);
    if (uncoded.length || (message.type === "error" && !Array.isArray(message.payload)))
      ledger.breach({ rule: "WebSocket error without extensions.code", where, answer: said }, input);
    if (found.includes("INTERNAL_SERVER_ERROR")) ledger.breach({ rule: "INTERNAL_SERVER_ERROR code over WebSocket", where, answer: said }, input);
  }
  if (socket.closed && FAILURE_CLOSE_CODES.has(socket.closed.code)) {
    ledger.breach({ rule: `WebSocket closed with ${socket.closed.code}`, where, answer: `close ${socket.closed.code} ${socket.closed.reason}` }, input);
  }
  if (socket.closed) codes.push(`close ${socket.closed.code}`);
  ledger.record(codes);
  return codes;
}
