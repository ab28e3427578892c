import type http from "node:http";
import { GraphQLError, NoSchemaIntrospectionCustomRule, getOperationAST, getVariableValues, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from "graphql";
import { WebSocketServer, type WebSocket } from "ws";
import { CloseCode, handleProtocols, makeServer, type Server, type ServerOptions, type SubscribePayload } from "graphql-ws";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import type { Logger } from "pino";
import type { Services } from "../services";
import { AppError } from "../errors/app-error";
import { createErrorFormatter } from "../errors/format-error";
import { createContext, type Context } from "./context";

const PATH = "/graphql";
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** A socket that has not answered the previous ping by the next one is dropped, ending its subscriptions. */
const KEEP_ALIVE_MS = 12_000;
/** On shutdown, sockets that have not finished the close handshake by then are cut. */
const CLOSE_GRACE_MS = 1_000;

type ConnectionParams = Record<string, unknown> | undefined;
interface ConnectionExtra {
  socket: WebSocket;
  request: http.IncomingMessage;
}

/** Errors raised before execution, with the codes Apollo gives them over HTTP. */
function withCode(code: ApolloServerErrorCode) {
  return (error: GraphQLError) => new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code } });
}

/** Parse, validate and coerce variables up front, so a bad operation gets an error message rather than a closed socket. */
function prepareOperation(schema: GraphQLSchema, payload: SubscribePayload, introspection = true): ExecutionArgs | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query);
  } catch (error) {
    return [withCode(ApolloServerErrorCode.GRAPHQL_PARSE_FAILED)(error as GraphQLError)];
  }
  // Introspection follows the same switch as over HTTP (config.introspection).
  const invalid = validate(schema, document, introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule]);
  if (invalid.length) return invalid.map(withCode(ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED));
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) return [new GraphQLError("Unable to identify the operation to run", { extensions: { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE } })];
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
  if (variables.errors) return variables.errors.map(withCode(ApolloServerErrorCode.BAD_USER_INPUT));
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}

function authorizationOf(params: ConnectionParams): string | undefined {
  const authorization = params?.authorization;
  return typeof authorization === "string" ? authorization : undefined;
}

/** A context per operation (fresh loaders); a token revoked since the handshake leaves it anonymous, which the auth checker refuses. */
async function operationContext(services: Services, authorization: string | undefined): Promise<Context> {
  try {
    return await createContext(services, authorization);
  } catch (error) {
    if (error instanceof AppError) return createContext(services, undefined);
    throw error;
  }
}

function graphqlWsOptions(schema: GraphQLSchema, services: Services, logger: Logger): ServerOptions<ConnectionParams, ConnectionExtra> {
  const formatError = createErrorFormatter((error) => logger.error({ err: error }, "unexpected error"));
  const format = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));
  return {
    // Deny by default, like the HTTP path: no valid bearer token in connection_init, no connection (4401).
    onConnect: async (ctx) => {
      const context = await operationContext(services, authorizationOf(ctx.connectionParams));
      if (context.viewer) return true;
      ctx.extra.socket.close(CloseCode.Unauthorized, "Unauthorized");
      return false;
    },
    onSubscribe: (_ctx, _id, payload) => prepareOperation(schema, payload, services.config.introspection),
    context: (ctx) => operationContext(services, authorizationOf(ctx.connectionParams)),
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
    onError: (_ctx, _id, _payload, errors) => format(errors),
  };
}

/** Connects one ws socket to the graphql-ws protocol (what graphql-ws/use/ws does, with our logger). */
function serveSocket(server: Server<ConnectionExtra>, socket: WebSocket, request: http.IncomingMessage, logger: Logger) {
  const fail = (error: unknown) => {
    logger.error({ err: error }, "websocket operation failed");
    socket.close(CloseCode.InternalServerError, "Internal server error");
  };
  const closed = server.opened(
    {
      protocol: socket.protocol,
      send: (data) =>
        new Promise<void>((resolve, reject) => {
          if (socket.readyState !== socket.OPEN) return resolve();
          socket.send(data, (error) => (error ? reject(error) : resolve()));
        }),
      close: (code, reason) => socket.close(code, reason),
      onMessage: (handle) => socket.on("message", (data) => handle(String(data)).catch(fail)),
    },
    { socket, request },
  );
  socket.once("error", (error) => {
    logger.warn({ err: error }, "websocket error");
    socket.terminate();
  });
  socket.once("close", (code, reason) => {
    closed(code, String(reason)).catch(fail);
  });
}

/** GraphQL subscriptions (and any other operation) over WebSocket with the graphql-ws protocol, on /graphql. */
export function attachSubscriptionServer(server: http.Server, schema: GraphQLSchema, services: Services, logger: Logger): { close(): Promise<void> } {
  const sockets = new WebSocketServer({ server, path: PATH, maxPayload: MAX_MESSAGE_BYTES, handleProtocols });
  const graphqlWs = makeServer<ConnectionParams, ConnectionExtra>(graphqlWsOptions(schema, services, logger));
  const alive = new WeakSet<WebSocket>();
  sockets.on("error", (error) => logger.error({ err: error }, "websocket server error"));
  sockets.on("connection", (socket, request) => {
    alive.add(socket);
    socket.on("pong", () => alive.add(socket));
    serveSocket(graphqlWs, socket, request, logger);
  });
  const keepAlive = setInterval(() => {
    for (const socket of sockets.clients) {
      if (alive.delete(socket)) socket.ping();
      else socket.terminate();
    }
  }, KEEP_ALIVE_MS).unref();

  return {
    close: async () => {
      clearInterval(keepAlive);
      const closed = new Promise<void>((resolve) => sockets.close(() => resolve()));
      for (const socket of sockets.clients) socket.close(1001, "Server shutting down");
      const cut = setTimeout(() => sockets.clients.forEach((socket) => socket.terminate()), CLOSE_GRACE_MS).unref();
      await closed;
      clearTimeout(cut);
    },
  };
}
