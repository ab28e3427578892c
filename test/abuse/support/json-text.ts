import { isEnumType, type GraphQLNamedType } from "graphql";

/**
 * A value whose JSON text is written by hand: nesting deeper than JSON.stringify's stack allows, duplicated
 * keys, numbers JSON has no name for. `graphql` is the same value as a GraphQL literal.
 */
export class RawJson {
  constructor(
    readonly text: string,
    readonly graphql: string,
    readonly label: string,
  ) {}

  toJSON(): string {
    return `<raw ${this.label}: ${this.text.length} chars>`;
  }
}

/** JSON text of a value that may hold RawJson parts. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * The same value written inline in the document, as a client could: strings as JSON strings (GraphQL accepts
 * JSON's escapes), enum values bare, object keys that are not GraphQL names renamed (they could not be sent
 * inline at all), NaN and Infinity as the bare names they print as.
 */
export function toGraphQLLiteral(value: unknown, type?: GraphQLNamedType): string {
  if (value instanceof RawJson) return value.graphql;
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return type && isEnumType(type) && NAME.test(value) ? value : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => toGraphQLLiteral(item, type)).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, item], i) => `${NAME.test(key) ? key : `_k${i}`}: ${toGraphQLLiteral(item)}`);
  return `{${entries.join(", ")}}`;
}

/** `{"a":{"a":…1…}}`, `depth` levels: past the stack of a recursive serializer or validator. */
export function deeplyNested(depth: number, kind: "object" | "array"): RawJson {
  const [open, close, gqlOpen] = kind === "object" ? ['{"a":', "}", "{a: "] : ["[", "]", "["];
  return new RawJson(open.repeat(depth) + "1" + close.repeat(depth), gqlOpen.repeat(depth) + "1" + close.repeat(depth), `${kind} nested ${depth} deep`);
}

/** An object with the same key several times: parsers keep the last, validators may see the first. */
export function duplicatedKeys(key: string, values: unknown[]): RawJson {
  const text = `{${values.map((v) => `${JSON.stringify(key)}:${toJsonText(v)}`).join(",")}}`;
  const gql = `{${values.map((v) => `${NAME.test(key) ? key : "k"}: ${toGraphQLLiteral(v)}`).join(", ")}}`;
  return new RawJson(text, gql, `key ${JSON.stringify(key)} ×${values.length}`);
}

/** Numbers JSON cannot say but some encoders write anyway. */
export function bareNumber(text: "NaN" | "Infinity" | "-Infinity" | "1e999" | "-1e999" | "0x10" | "01"): RawJson {
  return new RawJson(text, text, text);
}
