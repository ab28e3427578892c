import type http from "node:http";
import type { GraphQLSchema } from "graphql";
import { WebSocketServer, type WebSocket } from "ws";
import { CloseCode, handleProtocols, makeServer, type Server } from "graphql-ws";
import type { Logger } from "pino";
import type { Services } from "../services";
import { graphqlWsOptions, type ConnectionExtra, type ConnectionParams, type WebSocketRules } from "./websocket/graphql-ws-options";
import { OpenSockets, SLOW_CONSUMER, TOO_MANY_SOCKETS_CODE } from "./websocket/open-sockets";
import { ErrorCode } from "../errors/error-code";

const PATH = "/graphql";
const SERVER_ONLY_TYPES = new Set(["connection_ack", "next", "error"]);

function isServerOnlyMessage(text: string): boolean {
  if (!text.includes("type")) return false;
  try {
    const message: unknown = JSON.parse(text);
    return typeof message === "object" && message !== null && SERVER_ONLY_TYPES.has(String((message as { type?: unknown }).type));
  } catch {
    return false; // graphql-ws answers unparsable messages itself (4400)
  }
}
/** A socket that has not answered the previous ping by the next one is dropped, ending its subscriptions. */
const KEEP_ALIVE_MS = 12_000;
/** On shutdown, sockets that have not finished the close handshake by then are cut. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Connects one ws socket to the graphql-ws protocol (what graphql-ws/use/ws does, with our logger). A socket
 * logs one line when it closes, whatever number of subscriptions it held, and at most one failure: once it
 * fails it is closed, and what its other operations report afterwards is the same failure again.
 */
function serveSocket(
  server: Server<ConnectionExtra>,
  socket: WebSocket,
  request: http.IncomingMessage,
  sockets: OpenSockets,
  maxBufferedBytes: number,
  logger: Logger,
) {
  const opened = Date.now();
  let failed = false;
  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    logger.error({ err: error }, "websocket operation failed");
    socket.close(CloseCode.InternalServerError, "Internal server error");
  };
  const cutOff = () => {
    logger.warn({ bufferedBytes: socket.bufferedAmount, maxBufferedBytes }, "websocket client not reading its messages: cut off");
    socket.close(SLOW_CONSUMER.code, SLOW_CONSUMER.reason);
    // The close frame waits behind what the client does not read.
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  };
  const closed = server.opened(
    {
      protocol: socket.protocol,
      // Never waits for the client to read: a subscription's events would pile up in the pubsub meanwhile.
      // A client whose unread messages pass the limit is cut off instead, keeping what it costs bounded.
      send: async (data) => {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > maxBufferedBytes) return cutOff();
        socket.send(data);
      },
      close: (code, reason) => socket.close(code, reason),
      onMessage: (handle) =>
        socket.on("message", (data) => {
          const text = String(data);
          // graphql-ws throws on a message only a server sends, which would read as our failure (4500): it is the client's.
          if (isServerOnlyMessage(text)) return socket.close(CloseCode.BadRequest, `BAD_REQUEST: a client may not send this message type`);
          handle(text).catch(fail);
        }),
    },
    { socket, request },
  );
  socket.once("error", (error) => {
    logger.warn({ err: error }, "websocket error");
    // ws has already begun the closing handshake (1009 for an oversized message, 1002 for a bad frame) and reads
    // on to drain the client's frame; cutting the socket now would reach the client as 1006, before the close frame.
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  });
  socket.once("close", (code, reason) => {
    const userId = sockets.principalOf(socket)?.user.id;
    sockets.remove(socket);
    logger.debug({ code, reason: String(reason), userId, durationMs: Date.now() - opened }, "websocket closed");
    closed(code, String(reason)).catch(fail);
  });
}

/**
 * GraphQL subscriptions over WebSocket with the graphql-ws protocol, on /graphql, under the HTTP endpoint's
 * limits (`rules`) and rate limiter, with caps per socket and per user, a message size limit (1009 above it)
 * and a connection_init deadline (4408).
 */
export function attachSubscriptionServer(
  server: http.Server,
  schema: GraphQLSchema,
  services: Services,
  rules: WebSocketRules,
  logger: Logger,
): { close(): Promise<void> } {
  const { config } = services;
  const open = new OpenSockets(services.access, config.wsMaxSocketsPerUser, config.wsMaxUnauthenticatedSocketsPerAddress, logger);
  const sockets = new WebSocketServer({ server, path: PATH, maxPayload: config.wsMaxMessageBytes, handleProtocols });
  const graphqlWs = makeServer<ConnectionParams, ConnectionExtra>(graphqlWsOptions(schema, services, rules, open, logger));
  const alive = new WeakSet<WebSocket>();
  sockets.on("error", (error) => logger.error({ err: error }, "websocket server error"));
  sockets.on("connection", (socket, request) => {
    if (!open.unauthenticated.admit(socket, request.socket.remoteAddress ?? "unknown")) {
      socket.close(TOO_MANY_SOCKETS_CODE, `${ErrorCode.TooManySockets}: too many sockets from this address have not signed in yet`);
      return;
    }
    alive.add(socket);
    socket.on("pong", () => alive.add(socket));
    serveSocket(graphqlWs, socket, request, open, config.wsMaxBufferedBytes, logger);
  });
  const keepAlive = setInterval(() => {
    for (const socket of sockets.clients) {
      if (alive.delete(socket)) socket.ping();
      else socket.terminate();
    }
  }, KEEP_ALIVE_MS).unref();
  open.start(config.wsAuthSweepMs);

  return {
    close: async () => {
      clearInterval(keepAlive);
      open.stop();
      const closed = new Promise<void>((resolve) => sockets.close(() => resolve()));
      for (const socket of sockets.clients) socket.close(1001, "Server shutting down");
      const cut = setTimeout(() => sockets.clients.forEach((socket) => socket.terminate()), CLOSE_GRACE_MS).unref();
      await closed;
      clearTimeout(cut);
    },
  };
}
