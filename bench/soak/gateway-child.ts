import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { loadConfig } from "../../src/config/config";
import { createLogger } from "../../src/http/logger";
import { startGateway } from "../../src/gateway";
import type { Services } from "../../src/services";
import { serveChild } from "../servers/child-protocol";
import type { GatewayPayload } from "./edits";

const OUTSIDE = { userId: "outside" };

/**
 * Stand-in for the two systems' own APIs (their UIs, their integrations): POST /crm/<Module>/<id> or
 * /fsm/<Module>/<id> with a JSON patch writes the record straight into its store, with no outbox entry, as an
 * edit made outside the gateway would. The CRM and FSM are embedded in the gateway's database, so this runs in the
 * gateway's process (on SQLite that process owns the only connection). Replies { version, modifiedTime }.
 */
function startOutsideSystems(services: Services): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const [, side, module, id] = (req.url ?? "").split("/");
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const store = side === "crm" ? services.crm : side === "fsm" ? services.fsm : null;
      const reply = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (req.method !== "POST" || !store || !module || !id) return reply(404, { error: "POST /crm|fsm/<Module>/<id>" });
      const patch = JSON.parse(Buffer.concat(chunks).toString("utf8")) as object;
      (store as unknown as { update(m: string, id: string, p: object, a: typeof OUTSIDE): Promise<{ version: number; modifiedTime: Date }> })
        .update(module, id, patch, OUTSIDE)
        .then((record) => reply(200, { version: record.version, modifiedTime: record.modifiedTime.getTime() }))
        .catch((error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** Child process: the real gateway with its sync worker on and change feeds enabled, plus the outside systems. */
serveChild<GatewayPayload>(async ({ target, hookSecret }) => {
  const config = loadConfig(process.env, {
    port: 0,
    host: "127.0.0.1",
    sqlitePath: target.sqlitePath ?? ":memory:",
    databaseUrl: target.databaseUrl,
    databaseSchema: target.databaseSchema,
    seedDemoData: false,
    syncWorker: true,
    hookSecret,
    smtpUrl: null,
    logLevel: "warn",
    rateLimitPerMinute: 0, // all clients share one token
  });
  const gateway = await startGateway(config, createLogger(config));
  const outside = await startOutsideSystems(gateway.services);
  return {
    url: gateway.url,
    extraUrls: { outside: outside.url },
    statements: () => gateway.queryCounter.count,
    stop: async () => {
      await outside.close();
      await gateway.stop();
    },
  };
});
