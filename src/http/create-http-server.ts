import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import type { Services } from "../services";
import { AppError } from "../errors/app-error";
import { createErrorFormatter } from "../errors/format-error";
import { toGraphQLError } from "../errors/to-graphql-error";
import { createContext, type Context } from "./context";
import { requireViewerPlugin } from "./require-viewer.plugin";
import { playgroundPlugin } from "./playground.plugin";
import { createChangeFeedRouter } from "./change-feed.router";
import { createSyncLogRouter } from "./sync-log.router";
import { attachSubscriptionServer } from "./subscription-server";

export interface HttpServer {
  url: string;
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
  const server = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createErrorFormatter((error) => logger.error({ err: error }, "unexpected error")),
    includeStacktraceInErrorResponses: false,
    // Per-field cache-control bookkeeping nearly halves throughput, and nothing here is cached by hint.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server }), ApolloServerPluginCacheControlDisabled(), requireViewerPlugin, playgroundPlugin()],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.use("/hooks", createChangeFeedRouter(services, logger));
  app.use("/sync-history", createSyncLogRouter(services, logger));
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return await createContext(services, req.headers.authorization);
        } catch (error) {
          throw error instanceof AppError ? toGraphQLError(error) : error;
        }
      },
    }),
  );

  const websockets = attachSubscriptionServer(server, schema, services, logger);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  return {
    url: `http://${host}:${port}/graphql`,
    stop: async () => {
      await websockets.close();
      await apollo.stop();
    },
  };
}
