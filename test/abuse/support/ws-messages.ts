import fc from "fast-check";
import { hostileString, wrongType } from "./hostile-values";

/** A frame to send: text (JSON or not) or binary. */
export type Frame = { text: string } | { binary: Buffer };

const SUBSCRIPTION = "subscription Abuse { syncEvents { id status } }";
const QUERY = "query Abuse { accounts(first: 2) { nodes { id } } }";

const json = (message: unknown): Frame => ({ text: JSON.stringify(message) });

const authorization = (token: string) =>
  fc.oneof(
    fc.constant({ authorization: `Bearer ${token}` }),
    fc.constantFrom(
      undefined,
      null,
      {},
      [],
      "x",
      1,
      { authorization: 1 },
      { authorization: ["Bearer x"] },
      { authorization: `Bearer ${token}`, __proto__: null },
    ),
    hostileString.map((value) => ({ authorization: value })),
    hostileString.map((value) => ({ authorization: `Bearer ${value}` })),
  );

const ids = fc.oneof(fc.constantFrom("1", "1", "2", "", "__proto__"), hostileString, wrongType);

const payloads = fc.oneof(
  fc.constantFrom(
    { query: SUBSCRIPTION },
    { query: QUERY },
    { query: 'mutation { revokeToken(id: "x") { id } }' },
    { query: "{" },
    { query: "" },
    { query: SUBSCRIPTION, variables: "x" },
  ),
  fc.record(
    {
      query: fc.oneof(hostileString, wrongType),
      variables: fc.oneof(wrongType, fc.dictionary(hostileString, wrongType)),
      operationName: fc.oneof(hostileString, wrongType),
      extensions: wrongType,
    },
    { requiredKeys: [] },
  ),
  wrongType,
);

/** One graphql-ws message, right, wrong or not a message at all. */
function frames(token: string): fc.Arbitrary<Frame> {
  return fc.oneof(
    { weight: 3, arbitrary: authorization(token).map((payload) => json({ type: "connection_init", payload })) },
    { weight: 4, arbitrary: fc.tuple(ids, payloads).map(([id, payload]) => json({ type: "subscribe", id, payload })) },
    { weight: 1, arbitrary: ids.map((id) => json({ type: "complete", id })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("ping", "pong", "connection_ack", "next", "error", "", "SUBSCRIBE", "start", "connection_terminate")
        .map((type) => json({ type, payload: {} })),
    },
    { weight: 1, arbitrary: fc.oneof(wrongType, fc.dictionary(hostileString, wrongType)).map(json) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          hostileString,
          fc.constantFrom("", "{", "[", "null", '{"type":"connection_init"', '{"type":"subscribe","id":"1","id":"2","payload":{"query":"{ __typename }"}}'),
        )
        .map((text) => ({ text })),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ binary: Buffer.from(bytes) })) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1_048_577, max: 2_500_000 })
        .map((n) => json({ type: "subscribe", id: "big", payload: { query: `#${"x".repeat(n)}\n${QUERY}` } })),
    },
  );
}

/** A short conversation: usually a valid handshake first, then hostile messages. */
export function conversations(token: string): fc.Arbitrary<{ protocol: string | undefined; frames: Frame[] }> {
  const handshake = json({ type: "connection_init", payload: { authorization: `Bearer ${token}` } });
  return fc
    .record({
      protocol: fc.constantFrom("graphql-transport-ws", "graphql-transport-ws", "graphql-transport-ws", "graphql-ws", undefined),
      handshake: fc.boolean(),
      frames: fc.array(frames(token), { minLength: 1, maxLength: 8 }),
    })
    .map(({ protocol, handshake: first, frames: rest }) => ({ protocol, frames: first ? [handshake, ...rest] : rest }));
}

export const describeFrame = (frame: Frame) => ("text" in frame ? frame.text : `<binary ${frame.binary.toString("hex")}>`);
