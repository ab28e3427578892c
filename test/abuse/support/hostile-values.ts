import fc from "fast-check";
import { bareNumber, deeplyNested, duplicatedKeys } from "./json-text";

/** Strings that have broken parsers, databases, CSV readers and log lines before. */
const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0000".repeat(64),
  "\ud800",
  "\udfff",
  "a\ud800b",
  "\ufeff",
  "\uffff",
  "\ufffe",
  "\u202e\u202d",
  "\u200b",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334",
  "👩‍👩‍👧‍👦",
  "\r\n",
  "\r\nX-Injected: 1",
  "\u001b[31m",
  "'; DROP TABLE accounts; --",
  '" OR 1=1 --',
  "%00",
  "%s%s%s%n",
  "${7*7}",
  "{{7*7}}",
  "../../../../etc/passwd",
  "..%2f..%2f",
  "=cmd|' /C calc'!A0",
  "+SUM(1)",
  "@import",
  "<script>alert(1)</script>",
  "null",
  "undefined",
  "NaN",
  "-0",
  "1e999",
  "__proto__",
  "constructor",
  "\\",
  "\\u0000",
  "0".repeat(400),
];

const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 24 });

/** Large enough to pass for data, or to cross the body limit (1 MiB) with multi-byte characters. */
export const hugeString = fc
  .tuple(fc.integer({ min: 5_000, max: 400_000 }), fc.constantFrom("x", "\u0000", "é", "𝔘", "\n", "\\"))
  .map(([length, char]) => char.repeat(Math.ceil(length / char.length)));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 24 }) },
  { weight: 2, arbitrary: controlChars },
  { weight: 1, arbitrary: hugeString },
);

export const hostileInt: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.constantFrom(
    0,
    -1,
    1,
    200,
    201,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31) - 1,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER,
    1e308,
    -1e308,
    0.5,
    5e-324,
  ),
  fc.constantFrom(bareNumber("1e999"), bareNumber("-1e999")),
  fc.double(),
);

export const hostileFloat: fc.Arbitrary<unknown> = fc.oneof(fc.double(), hostileInt, fc.constantFrom(bareNumber("NaN"), bareNumber("Infinity")));

export const hostileDate: fc.Arbitrary<unknown> = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    "2026-13-45T00:00:00Z",
    "2026-02-30T00:00:00Z",
    "0000-00-00T00:00:00Z",
    "+275760-09-13T00:00:00.000Z",
    "-271821-04-20T00:00:00.000Z",
    "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999Z",
    "now",
    "2026-12-07T24:00:00+25:00",
  ),
  hostileString,
  fc.integer(),
);

const hostileKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "", " ", "\u0000", "a.b", "$where", "toString", "hasOwnProperty"),
  fc.string({ maxLength: 12 }),
);

/** Own `__proto__` keys, as JSON.parse makes them (an object literal would set the prototype instead). */
const protoPollution = fc.constantFrom(JSON.parse('{"__proto__":{"isAdmin":true}}'), JSON.parse('{"constructor":{"prototype":{"isAdmin":true}}}'));

/** JSON objects for JSONObject arguments such as customFields: deep, wide, huge, polluting, duplicated. */
export const hostileJsonObject: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.object({ maxDepth: 3, key: hostileKey }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.integer({ min: 50, max: 100_000 }).map((depth) => deeplyNested(depth, "object")) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 100_000 }).map((depth) => ({ field: deeplyNested(depth, "array") })) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 60_000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))) },
  { weight: 1, arbitrary: hugeString.map((text) => ({ note: text })) },
  { weight: 1, arbitrary: protoPollution },
  {
    weight: 1,
    arbitrary: fc
      .tuple(hostileKey, fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 2, maxLength: 4 }))
      .map(([key, values]) => duplicatedKeys(key, values)),
  },
);

/** A value of the wrong type for wherever it goes. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, [], {}, "", 0, true, [null], [[]]));

/** Ids: real ones (so deep paths run), dangling ones, and not-ids at all. */
export function hostileId(ids: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(...ids).map((id) => id.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom(...ids).map((id) => `${id}\u0000`) },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.integer() },
  );
}

/** Cursors (`after`): real-looking base64, base64 of junk, and junk. */
export const hostileCursor: fc.Arbitrary<unknown> = fc.oneof(
  fc.json().map((text) => Buffer.from(text).toString("base64")),
  fc.string({ unit: "binary", maxLength: 60 }).map((text) => Buffer.from(text).toString("base64url")),
  fc.constantFrom("====", "e30=", "bnVsbA==", "W10=", Buffer.from('{"id":"\u0000","t":"9999-99-99"}').toString("base64")),
  hugeString.map((text) => Buffer.from(text.slice(0, 300_000)).toString("base64")),
  hostileString,
);
