import http from "node:http";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { openSqlStore, type DatabaseTarget, type SqlStore } from "../sql-store";
import { BASELINE_OPERATIONS } from "../baseline/operations";
import { serveChild } from "./child-protocol";

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The one authentication statement: the same check as the gateway's (known, not revoked, not expired, active user). */
async function authenticate(store: SqlStore, authorization: string | undefined): Promise<boolean> {
  const token = authorization && BEARER.exec(authorization)?.[1];
  if (!token) return false;
  const [row] = await store.all<{ expiresAt: string | Date | null; active: number | boolean }>(
    `SELECT t."expiresAt", u."active" FROM "gw_api_token" t JOIN "gw_user" u ON u."id" = t."userId" WHERE t."tokenHash" = ? AND t."revokedAt" IS NULL`,
    [createHash("sha256").update(token).digest("hex")],
  );
  if (!row || !row.active) return false;
  return row.expiresAt === null || new Date(row.expiresAt).getTime() > Date.now();
}

/** JSON with a trailing newline, as Apollo Server sends it: the two servers' bodies are then byte for byte equal. */
function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function respond(store: SqlStore, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
  try {
    if (!(await authenticate(store, req.headers.authorization))) {
      return send(res, 401, { errors: [{ message: "unauthenticated", extensions: { code: "UNAUTHENTICATED" } }] });
    }
    const { operationName, variables } = JSON.parse(body.toString("utf8")) as { operationName?: string; variables?: Record<string, unknown> };
    const operation = operationName ? BASELINE_OPERATIONS[operationName] : undefined;
    if (!operation) return send(res, 400, { errors: [{ message: `the baseline does not serve operation ${operationName}` }] });
    send(res, 200, await operation(store, variables ?? {}));
  } catch (error) {
    console.error(error);
    send(res, 500, { errors: [{ message: "internal error" }] });
  }
}

/**
 * Child process: the practical limit. Plain node:http, hand-written batched SQL, the same response JSON as the
 * gateway for the operations in baseline/operations.ts (dispatched by operationName; variables honoured).
 */
serveChild<DatabaseTarget>(async (target) => {
  const store = openSqlStore(target);
  const inFlight = new Set<Promise<void>>();
  const server = http.createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/graphql") return send(res, 404, { errors: [{ message: "not found" }] });
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const handled: Promise<void> = respond(store, req, res, Buffer.concat(chunks)).finally(() => inFlight.delete(handled));
      inFlight.add(handled);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    statements: () => store.statements,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      // Requests the load left behind finish before the store closes.
      await Promise.allSettled(inFlight);
      await store.close();
    },
  };
});
