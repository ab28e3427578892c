import { WebSocket } from "ws";

/** A graphql-ws message as the server sends it. */
export interface WsMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

export interface WsClosed {
  code: number;
  reason: string;
}

/**
 * The graphql-transport-ws protocol spoken by hand over `ws`, so a test controls every frame (many subscribe
 * messages at once, oversized or missing connection_init) and sees every message and the close code.
 */
export class RawGraphqlWs {
  readonly messages: WsMessage[] = [];
  readonly closed: Promise<WsClosed>;
  private readonly waiters = new Set<() => void>();
  private nextId = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      this.messages.push(JSON.parse(String(data)) as WsMessage);
      this.waiters.forEach((wake) => wake());
    });
    this.closed = new Promise((resolve) => socket.once("close", (code, reason) => resolve({ code, reason: String(reason) })));
    socket.on("error", () => undefined); // the close event reports it
  }

  /** Opens a socket on the gateway's /graphql; with `init` (default) sends connection_init and waits for the ack or the close. */
  static async open(httpUrl: string, authorization?: string, init = true): Promise<RawGraphqlWs> {
    const socket = new WebSocket(httpUrl.replace(/^http/, "ws"), "graphql-transport-ws");
    const client = new RawGraphqlWs(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    if (init) {
      client.send({ type: "connection_init", payload: authorization ? { authorization } : {} });
      await Promise.race([client.next((m) => m.type === "connection_ack"), client.closed]);
    }
    return client;
  }

  send(message: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Sends a subscribe message and returns its id. */
  subscribe(query: string, variables: Record<string, unknown> = {}): string {
    const id = String((this.nextId += 1));
    this.send({ id, type: "subscribe", payload: { query, variables } });
    return id;
  }

  complete(id: string): void {
    this.send({ id, type: "complete" });
  }

  /** The first message (already received or to come) matching `match`, within `ms`. */
  next(match: (message: WsMessage) => boolean, ms = 5_000): Promise<WsMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.find(match);
        if (!found) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`No matching graphql-ws message within ${ms} ms; got ${JSON.stringify(this.messages).slice(0, 500)}`));
      }, ms);
      if (!check()) this.waiters.add(check);
    });
  }

  /** The error payload (formatted GraphQL errors) sent for subscription `id`. */
  async errorOf(id: string, ms = 5_000): Promise<{ message: string; extensions?: Record<string, unknown> }[]> {
    const message = await this.next((m) => m.id === id && (m.type === "error" || m.type === "next"), ms);
    if (message.type !== "error") throw new Error(`Subscription ${id} was not refused: ${JSON.stringify(message).slice(0, 300)}`);
    return message.payload as { message: string; extensions?: Record<string, unknown> }[];
  }

  close(): void {
    this.socket.close(1000);
  }
}
