import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";
import { hostileCursor, hostileDate, hostileFloat, hostileId, hostileInt, hostileJsonObject, hostileString, wrongType } from "./hostile-values";
import { duplicatedKeys, toGraphQLLiteral, toJsonText } from "./json-text";

/** The schema as clients see it (schema/schema.graphql is emitted from the code and checked against it). */
export function loadPublishedSchema(): GraphQLSchema {
  return buildSchema(fs.readFileSync(path.resolve(process.cwd(), "schema/schema.graphql"), "utf8"));
}

const MAX_INPUT_DEPTH = 3;

/** Hostile values for an input type: mostly of the type (with hostile contents), sometimes of no type at all. */
export function hostileInput(type: GraphQLInputType, ids: readonly string[], argName = "", depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: typedHostile(type, ids, argName, depth) }, { weight: 1, arbitrary: wrongType });
}

function typedHostile(type: GraphQLInputType, ids: readonly string[], name: string, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return typedHostile(type.ofType, ids, name, depth);
  if (isListType(type)) {
    const item = hostileInput(type.ofType, ids, name, depth + 1);
    return fc.oneof(
      { weight: 4, arbitrary: fc.array(item, { maxLength: 4 }) },
      // Long lists of one value, kept under ~2 MB of JSON so the client is not what runs out of memory.
      {
        weight: 1,
        arbitrary: fc
          .tuple(item, fc.integer({ min: 1_000, max: 50_000 }))
          .map(([value, n]) => Array.from({ length: Math.min(n, Math.ceil(2e6 / toJsonText(value).length)) }, () => value)),
      },
      { weight: 1, arbitrary: item },
    );
  }
  if (isEnumType(type))
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: hostileString });
  if (isInputObjectType(type)) {
    if (depth >= MAX_INPUT_DEPTH) return fc.constant({});
    const fields = Object.values(type.getFields());
    const record = fc.record(Object.fromEntries(fields.map((f) => [f.name, hostileInput(f.type, ids, f.name, depth + 1)])), { requiredKeys: [] });
    const name = fc.constantFrom(...fields.map((f) => f.name));
    return fc.oneof(
      { weight: 6, arbitrary: record },
      // Keys the type does not have, and a known key twice with different values.
      {
        weight: 1,
        arbitrary: fc.tuple(record, fc.dictionary(fc.string({ maxLength: 10 }), wrongType, { maxKeys: 3 })).map(([known, extra]) => ({ ...known, ...extra })),
      },
      { weight: 1, arbitrary: fc.tuple(name, fc.array(hostileString, { minLength: 2, maxLength: 3 })).map(([key, values]) => duplicatedKeys(key, values)) },
    );
  }
  switch (getNamedType(type).name) {
    case "ID":
      return hostileId(ids);
    case "Int":
      return hostileInt;
    case "Float":
      return hostileFloat;
    case "Boolean":
      return fc.oneof(fc.boolean(), fc.constantFrom("true", 1, 0));
    case "DateTimeISO":
      return hostileDate;
    case "JSONObject":
      return hostileJsonObject;
    default:
      return /^(after|before|cursor)$/.test(name) ? hostileCursor : hostileString;
  }
}

/** Every leaf without required arguments, and objects below to `depth` levels: what a curious client asks for. */
export function selectionOf(type: GraphQLOutputType, depth = 2): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return "";
  if (!isObjectType(named)) return " { __typename }";
  const parts = ["__typename"];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    if (isLeafType(getNamedType(field.type))) parts.push(field.name);
    else if (depth > 0) parts.push(field.name + selectionOf(field.type, depth - 1));
  }
  return ` { ${parts.join(" ")} }`;
}

export interface RootField {
  kind: "query" | "mutation";
  field: GraphQLField<unknown, unknown>;
}

export function rootFields(schema: GraphQLSchema): RootField[] {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (!query || !mutation) throw new Error("the schema has no Query or no Mutation type");
  return [
    ...Object.values(query.getFields()).map((field) => ({ kind: "query" as const, field })),
    ...Object.values(mutation.getFields()).map((field) => ({ kind: "mutation" as const, field })),
  ];
}

export interface GeneratedOperation {
  target: string;
  query: string;
  variables: Record<string, unknown>;
}

/** One root field called with hostile arguments, as variables or inline literals, sometimes an argument twice. */
export function hostileOperation(root: RootField, ids: readonly string[]): fc.Arbitrary<GeneratedOperation> {
  const { kind, field } = root;
  const args = field.args.map((arg) => fc.option(hostileInput(arg.type, ids, arg.name), { nil: undefined, freq: 5 }));
  const selection = selectionOf(field.type);
  return fc.record({ values: fc.tuple(...args), inline: fc.boolean(), twice: fc.boolean() }).map(({ values, inline, twice }) => {
    const given = field.args.map((arg, i) => ({ arg, value: values[i] })).filter((a) => a.value !== undefined);
    const target = `${kind} ${field.name}`;
    if (inline) {
      const written = given.map(({ arg, value }) => `${arg.name}: ${toGraphQLLiteral(value, getNamedType(arg.type))}`);
      if (twice && written.length) written.push(written[0]);
      const call = written.length ? `(${written.join(", ")})` : "";
      return { target, query: `${kind} Abuse { ${field.name}${call}${selection} }`, variables: {} };
    }
    const definitions = given.map(({ arg }) => `$${arg.name}: ${String(arg.type)}`);
    const call = given.map(({ arg }) => `${arg.name}: $${arg.name}`);
    const wrap = (list: string[]) => (list.length ? `(${list.join(", ")})` : "");
    return {
      target,
      query: `${kind} Abuse${wrap(definitions)} { ${field.name}${wrap(call)}${selection} }`,
      variables: Object.fromEntries(given.map(({ arg, value }) => [arg.name, value])),
    };
  });
}
