import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import type { Services } from "../services";
import { AppError } from "../errors/app-error";
import { createErrorFormatter } from "../errors/format-error";
import { toGraphQLError } from "../errors/to-graphql-error";
import { createContext, type Context } from "./context";
import { authenticationOf, resolveAuthentication } from "./authentication";
import { fieldSelectionPlugin } from "./field-selection.plugin";
import { requireViewerPlugin } from "./require-viewer.plugin";
import { playgroundPlugin } from "./playground.plugin";
import { createChangeFeedRouter } from "./change-feed.router";
import { createZohoEventsRouter } from "../remote/events/zoho-events.router";
import { createSyncLogRouter } from "./sync-log.router";
import { attachSubscriptionServer } from "./subscription-server";
import { graphqlLimits } from "./limits/graphql-limits";
import { answerClientErrorsAsJson } from "./limits/client-error";
import { deadlineOf, withExecutionBudget } from "./limits/execution-budget";
import { jsonErrorHandler, routeNotFound } from "./limits/http-fallbacks";
import { requestId, requestIdOf } from "./request-id";
import { requestLog } from "./request-log";
import { createHealthRouter } from "./health.router";
import { createMetricsRouter } from "./metrics.router";
import { GatewayMetrics } from "../metrics/gateway-metrics";
import { graphqlMetricsPlugin } from "../metrics/graphql-metrics.plugin";
import { httpDrainGraceMs } from "../shutdown";
import { apolloExecution } from "./execution/apollo-execution";
import type { JitExecutor } from "./execution/jit-executor";

export interface HttpServer {
  url: string;
  /** The compiled-query executor (GRAPHQL_EXECUTOR=jit), null with graphql-js. */
  jit: JitExecutor | null;
  stop(): Promise<void>;
}

interface HttpServerOptions {
  services: Services;
  schema: GraphQLSchema;
  logger: Logger;
}

/** Express carries the routes beside GraphQL (health now; change feeds and downloads later). */
export async function startHttpServer({ services, schema, logger }: HttpServerOptions): Promise<HttpServer> {
  const { config } = services;
  const app = express();
  app.disable("x-powered-by");
  app.use(requestId, requestLog(logger));
  const server = http.createServer(app);
  answerClientErrorsAsJson(server);
  const limits = graphqlLimits(config);
  const execution = apolloExecution(config.graphqlExecutor, schema, logger);
  const apollo = new ApolloServer<Context>({
    ...execution.options,
    formatError: createErrorFormatter((error) => logger.error({ err: error }, "unexpected error")),
    includeStacktraceInErrorResponses: false,
    // Apollo's own warnings go through our logger (and its scrubbing), not straight to the console.
    logger,
    // Signals are main.ts's (src/shutdown.ts): Apollo's own handler would stop it early and re-raise the signal.
    stopOnTerminationSignals: false,
    ...limits.apolloOptions,
    // One switch with the playground by default (config.ts): the page needs introspection to load the schema.
    introspection: config.introspection,
    // Apollo's default is on, with an in-memory cache; off answers PERSISTED_QUERY_NOT_SUPPORTED.
    ...(config.persistedQueries ? {} : { persistedQueries: false as const }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: httpDrainGraceMs(config.shutdownTimeoutMs) }),
      // Per-field cache-control bookkeeping nearly halves throughput, and nothing here is cached by hint.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo would switch these on from its own environment variables (APOLLO_KEY…) and send data to Apollo's cloud.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      requireViewerPlugin(config.introspection),
      fieldSelectionPlugin,
      playgroundPlugin(config.playground),
    ],
  });
  const metrics = new GatewayMetrics(services.db, logger, [services.vendorMetrics.registry]);
  apollo.addPlugin(graphqlMetricsPlugin(metrics));
  for (const plugin of limits.plugins) apollo.addPlugin(plugin);
  await apollo.start();
  metrics.start(services.syncEvents);

  app.use(createHealthRouter(services.db, logger));
  app.use(createMetricsRouter(metrics, config.metricsToken, logger));
  // Before /hooks: the change-feed router answers 404 for any other path below it.
  app.use("/hooks/zoho", createZohoEventsRouter(services, logger));
  app.use("/hooks", createChangeFeedRouter(services, logger));
  app.use("/sync-history", createSyncLogRouter(services));
  app.use(
    "/graphql",
    // Before the rate limit, which is keyed on whose token it is; the context reuses it (one lookup per request).
    resolveAuthentication(services.access),
    ...limits.httpGuards,
    withExecutionBudget(
      expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          try {
            return await createContext(services, req.headers.authorization, requestIdOf(res), authenticationOf(res), deadlineOf(res));
          } catch (error) {
            throw error instanceof AppError ? toGraphQLError(error) : error;
          }
        },
      }),
      config.executionTimeoutMs,
    ),
  );

  app.use(routeNotFound, jsonErrorHandler(logger, config.maxBodyBytes));

  const websockets = attachSubscriptionServer(server, schema, services, { operation: limits.operation, rateLimit: limits.rateLimit }, logger);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  return {
    url: `http://${host}:${port}/graphql`,
    jit: execution.jit,
    stop: async () => {
      // Together: the drain stops listening at once; sockets get their close frame before it ends idle connections.
      await Promise.all([websockets.close(), apollo.stop()]);
      await metrics.stop();
    },
  };
}
