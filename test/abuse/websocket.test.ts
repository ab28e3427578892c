import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { startAbuseGateway, type AbuseGateway } from "./support/abuse-gateway";
import { expectNoBreaches, expectStillHealthy, newLedger, sendGenerated } from "./support/abuse-run";
import { graphqlPost, sendHostile } from "./support/http-abuse-client";
import { hostileShapes } from "./support/query-shapes";
import { hostileOperation, loadPublishedSchema, rootFields } from "./support/schema-operations";
import { toJsonText } from "./support/json-text";
import { AbuseSocket, checkSocket, connectedSocket } from "./support/ws-abuse-client";
import { conversations, describeFrame } from "./support/ws-messages";

/**
 * Hostile graphql-ws traffic on /graphql: malformed and out-of-order protocol messages, hostile handshakes,
 * binary and oversized frames; every hostile document and argument the HTTP suites send, which must be refused
 * over WebSocket whenever HTTP refuses it with a limit; a flood of subscriptions on one socket; many sockets
 * at once. No message may carry INTERNAL_SERVER_ERROR or an error without a code, no socket may close as a
 * server failure (1011, 4500) or be dropped without a close frame; the gateway stays up, small and fast.
 */
const RUNS = { conversations: 150, documents: 150 };
const FLOOD_SUBSCRIPTIONS = 5_000;
const MANY_SOCKETS = 300;
/** Codes HTTP refuses a document with before running it; WebSocket must refuse the same documents. */
const LIMIT_CODES = [
  "TOO_MANY_TOKENS",
  "QUERY_TOO_DEEP",
  "TOO_MANY_ALIASES",
  "QUERY_TOO_COSTLY",
  "PAYLOAD_TOO_LARGE",
  "BAD_USER_INPUT",
  "GRAPHQL_VALIDATION_FAILED",
];
const settled = (m: { type?: unknown }) => m.type === "complete" || m.type === "error";

describe("abuse over WebSocket (graphql-ws)", () => {
  let gateway: AbuseGateway;
  const ledger = newLedger("websocket");

  beforeAll(async () => {
    gateway = await startAbuseGateway("ws");
  });
  afterAll(() => gateway?.stop());

  it("malformed protocol messages get a protocol close or a coded error, never a server failure", async () => {
    await sendGenerated(ledger, conversations(gateway.adminToken), RUNS.conversations, async ({ protocol, frames }) => {
      const socket = new AbuseSocket(gateway.url, protocol);
      const input = { protocol, frames: frames.map(describeFrame) };
      if (!(await socket.opened)) return void ledger.record(["handshake refused"]);
      for (const frame of frames) {
        socket.send("text" in frame ? frame.text : frame.binary);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await socket.waitFor(() => false, 300);
      checkSocket(socket, ledger, `conversation (${protocol ?? "no subprotocol"})`, input);
      await socket.close();
    });
    await expectStillHealthy(gateway, "malformed graphql-ws messages");
  }, 120_000);

  it("documents and arguments HTTP refuses are refused over WebSocket too", async () => {
    const schema = loadPublishedSchema();
    const ids = gateway.ids.slice(2);
    const documents = fc.oneof(
      hostileShapes(schema, ids).map((shape) => ({ where: shape.kind, query: shape.query, variables: {} })),
      fc.oneof(...rootFields(schema).map((root) => hostileOperation(root, ids))).map((op) => ({ where: op.target, query: op.query, variables: op.variables })),
    );
    const socket = { current: await connectedSocket(gateway.url, gateway.adminToken) };
    let next = 0;
    await sendGenerated(ledger, documents, RUNS.documents, async (doc) => {
      if (socket.current.closed) socket.current = await connectedSocket(gateway.url, gateway.adminToken);
      const id = String((next += 1));
      const before = socket.current.received.length;
      socket.current.send(`{"type":"subscribe","id":"${id}","payload":${toJsonText({ query: doc.query, variables: doc.variables })}}`);
      await socket.current.waitFor((m) => m.id === id && settled(m), 10_000);
      socket.current.sendJson({ type: "complete", id });
      const answer = { received: socket.current.received.slice(before), closed: socket.current.closed } as unknown as AbuseSocket;
      const wsCodes = checkSocket(answer, ledger, `${doc.where} (WebSocket)`, doc.query);
      const http = await sendHostile(
        gateway.origin,
        graphqlPost(toJsonText({ query: doc.query, variables: doc.variables }), gateway.adminToken),
        ledger,
        `${doc.where} (HTTP)`,
        doc.query,
      );
      // Only refusals before execution (non-2xx) are limits: HTTP answers a subscription 200 with "run it over WebSocket".
      const refusedOverHttp = http && http.status >= 400 ? http.codes.find((code) => LIMIT_CODES.includes(code)) : undefined;
      if (refusedOverHttp && !wsCodes.length) {
        const said = JSON.stringify(answer.received).slice(0, 200);
        ledger.breach(
          { rule: `WebSocket runs what HTTP refuses with ${refusedOverHttp}`, where: doc.where, answer: said || "no answer within 10 s" },
          toJsonText({ variables: doc.variables, query: doc.query }),
        );
      }
    });
    await socket.current.close();
    await expectStillHealthy(gateway, "hostile documents over WebSocket");
  }, 120_000);

  it(`a flood of ${FLOOD_SUBSCRIPTIONS} subscriptions on one socket is capped, and the gateway stays up`, async () => {
    const socket = await connectedSocket(gateway.url, gateway.adminToken);
    for (let i = 0; i < FLOOD_SUBSCRIPTIONS; i += 1)
      socket.sendJson({ type: "subscribe", id: `flood-${i}`, payload: { query: "subscription Flood { syncEvents { id status } }" } });
    await socket.waitFor((m) => m.type === "error", 3_000);
    const codes = checkSocket(socket, ledger, "subscription flood on one socket", `${FLOOD_SUBSCRIPTIONS} × subscribe syncEvents`);
    if (!codes.length)
      ledger.breach(
        { rule: "no cap on subscriptions per socket", where: "subscription flood on one socket", answer: `all ${FLOOD_SUBSCRIPTIONS} accepted, socket open` },
        `${FLOOD_SUBSCRIPTIONS} × subscribe`,
      );
    await expectStillHealthy(gateway, "a subscription flood on one socket");
    await socket.close();
  }, 60_000);

  it(`${MANY_SOCKETS} sockets at once (signed in, anonymous, silent) leave the gateway up, small and fast`, async () => {
    const signedIn = await Promise.all(Array.from({ length: MANY_SOCKETS }, () => connectedSocket(gateway.url, gateway.standardToken, 15_000)));
    signedIn.forEach((s, i) =>
      [0, 1, 2].forEach((n) => s.sendJson({ type: "subscribe", id: `${i}-${n}`, payload: { query: "subscription Many { syncEvents { id } }" } })),
    );
    const anonymous = await Promise.all(Array.from({ length: MANY_SOCKETS / 3 }, () => connectedSocket(gateway.url, undefined, 15_000)));
    const silent = Array.from({ length: MANY_SOCKETS / 3 }, () => new AbuseSocket(gateway.url));
    await Promise.all(silent.map((s) => s.opened));
    await expectStillHealthy(gateway, `${MANY_SOCKETS} open sockets`);
    // A socket that never says connection_init is closed by the server (4408) within its init timeout.
    await Promise.all(silent.map((s) => s.waitFor(() => false, 5_000)));
    for (const [kind, sockets] of [
      ["signed in", signedIn],
      ["anonymous", anonymous],
      ["silent", silent],
    ] as const) {
      for (const s of sockets) checkSocket(s, ledger, `many sockets: ${kind}`, `${MANY_SOCKETS} sockets`);
    }
    await Promise.all([...signedIn, ...anonymous, ...silent].map((s) => s.close()));
    await expectStillHealthy(gateway, "closing many sockets");
  }, 120_000);

  it("reports every finding", () => expectNoBreaches(ledger, gateway));
});
