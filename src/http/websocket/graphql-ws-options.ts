import type http from "node:http";
import type { GraphQLError, GraphQLSchema } from "graphql";
import type { WebSocket } from "ws";
import { CloseCode, type ServerOptions } from "graphql-ws";
import type { Logger } from "pino";
import type { Services } from "../../services";
import { createErrorFormatter } from "../../errors/format-error";
import { toGraphQLError } from "../../errors/to-graphql-error";
import { TooManySocketsError, TooManySubscriptionsError } from "../../errors/websocket-errors";
import { authenticateHeader, rateLimitKey } from "../authentication";
import { createContext } from "../context";
import type { OperationRules } from "../limits/graphql-limits";
import { withoutSuggestion } from "../limits/hide-suggestions";
import type { RateLimit } from "../rate-limit";
import { prepareOperation } from "./prepare-operation";
import { RATE_LIMITED_CODE, TOO_MANY_SOCKETS_CODE, type OpenSockets } from "./open-sockets";

export type ConnectionParams = Record<string, unknown> | undefined;
export interface ConnectionExtra {
  socket: WebSocket;
  request: http.IncomingMessage;
}

export interface WebSocketRules {
  operation: OperationRules;
  /** The HTTP endpoint's limiter: a subscribe message spends from its sender's HTTP budget. */
  rateLimit: RateLimit;
}

function authorizationOf(params: ConnectionParams): string | undefined {
  const authorization = params?.authorization;
  return typeof authorization === "string" ? authorization : undefined;
}

/** The graphql-ws hooks: who may connect, what a subscribe message must pass, and the errors it gets. */
export function graphqlWsOptions(
  schema: GraphQLSchema,
  services: Services,
  rules: WebSocketRules,
  sockets: OpenSockets,
  logger: Logger,
): ServerOptions<ConnectionParams, ConnectionExtra> {
  const { config } = services;
  const formatError = createErrorFormatter((error) => logger.error({ err: error }, "unexpected error"));
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      const formatted = formatError(error.toJSON(), error);
      return rules.operation.hideSuggestions ? { ...formatted, message: withoutSuggestion(formatted.message) } : formatted;
    });
  return {
    connectionInitWaitTimeout: config.wsConnectionInitTimeoutMs,
    // Deny by default, like the HTTP path: no valid bearer token in connection_init, no connection (4401).
    // The handshake spends from the budget an HTTP request with that header would: its user's, else its address's.
    onConnect: async ({ connectionParams, extra: { socket, request } }) => {
      const authentication = await authenticateHeader(services.access, authorizationOf(connectionParams));
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the token lookup threw, unchanged, for graphql-ws to close the socket with
      if (authentication.failure) throw authentication.failure;
      const verdict = await rules.rateLimit.consume(rateLimitKey(authentication, request.socket.remoteAddress));
      if (!verdict.allowed) {
        socket.close(RATE_LIMITED_CODE, `${verdict.error.code}: retry in ${verdict.retryAfterSeconds} s`);
        return false;
      }
      if (!authentication.principal) {
        socket.close(CloseCode.Unauthorized, "Unauthorized");
        return false;
      }
      // The socket may have closed during the lookups above: its close was handled before it was counted.
      if (socket.readyState !== socket.OPEN) return false;
      if (sockets.add(socket, authentication.principal)) return true;
      socket.close(TOO_MANY_SOCKETS_CODE, new TooManySocketsError(config.wsMaxSocketsPerUser).message);
      return false;
    },
    onSubscribe: async ({ subscriptions, extra: { socket, request } }, _id, payload) => {
      // This message's own entry is already in `subscriptions`.
      if (Object.keys(subscriptions).length > config.wsMaxSubscriptionsPerSocket) {
        return [toGraphQLError(new TooManySubscriptionsError(config.wsMaxSubscriptionsPerSocket))];
      }
      const principal = sockets.principalOf(socket) ?? null;
      const verdict = await rules.rateLimit.consume(rateLimitKey({ principal, refused: false }, request.socket.remoteAddress));
      if (!verdict.allowed) return [toGraphQLError(verdict.error)];
      return prepareOperation(schema, payload, rules.operation);
    },
    // A context per operation (fresh loaders), for the socket's user as of the last re-check: no lookup per message.
    context: ({ extra: { socket } }) => createContext(services, undefined, undefined, { principal: sockets.principalOf(socket) ?? null, refused: false }),
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
    onError: (_ctx, _id, _payload, errors) => format(errors),
  };
}
