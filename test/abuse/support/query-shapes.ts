import fc from "fast-check";
import { getNamedType, isNonNullType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from "graphql";

/** A hostile document: its kind (for grouping findings) and its text. */
export interface Shape {
  kind: string;
  query: string;
}

/** Object-valued fields a client can select without arguments: the edges of the schema's cycles. */
function objectEdges(type: GraphQLObjectType): string[] {
  return Object.values(type.getFields())
    .filter((f) => isObjectType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined))
    .map((f) => f.name);
}

/** A walk down the schema's object fields, `depth` levels, `width` leaves beside each step: cycles included. */
function cyclicWalk(schema: GraphQLSchema, ids: readonly string[]): fc.Arbitrary<Shape> {
  const query = schema.getQueryType();
  if (!query) throw new Error("the schema has no Query type");
  const roots = Object.values(query.getFields()).filter(
    (f) => isObjectType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined || a.name === "id"),
  );
  return fc
    .record({
      root: fc.nat(roots.length - 1),
      depth: fc.integer({ min: 2, max: 80 }),
      width: fc.integer({ min: 1, max: 4 }),
      path: fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
      id: fc.constantFrom(...ids),
      first: fc.constantFrom(1, 20, 200),
    })
    .map(({ root, depth, width, path, id, first }) => {
      const field = roots[root];
      const args = field.args.map((a) => (a.name === "id" ? `id: ${JSON.stringify(id)}` : a.name === "first" ? `first: ${first}` : "")).filter(Boolean);
      let type = getNamedType(field.type) as GraphQLObjectType;
      const steps: string[] = [];
      for (let level = 0; level < depth; level += 1) {
        const edges = objectEdges(type);
        if (!edges.length) break;
        const edge = edges[path[level] % edges.length];
        steps.push(edge);
        type = getNamedType(type.getFields()[edge].type) as GraphQLObjectType;
      }
      // Each level repeats its step under `width` aliases, so the answer fans out as width^depth.
      const body = steps.reduceRight(
        (inner, step) => Array.from({ length: width }, (_, i) => `${step}_${i}: ${step} { __typename ${inner} }`).join(" "),
        "__typename",
      );
      return {
        kind: `cyclic walk (depth ${steps.length > 12 ? ">12" : "≤12"}, width ${width > 1 ? ">1" : "1"})`,
        query: `query Walk { ${field.name}${args.length ? `(${args.join(", ")})` : ""} { ${body} } }`,
      };
    });
}

const aliases = fc
  .tuple(fc.integer({ min: 1, max: 40_000 }), fc.constantFrom("__typename", "accounts(first: 200) { nodes { id } }", "me { id }"))
  .map(([n, field]): Shape => ({
    kind: `aliases (${n > 50 ? ">50" : "≤50"})`,
    query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(" ")} }`,
  }));

const spreads = fc.tuple(fc.integer({ min: 1, max: 60_000 }), fc.boolean()).map(([n, nested]): Shape => ({
  kind: "fragment spread many times",
  query: `query Q { ${"...F ".repeat(n)} } fragment F on Query { accounts(first: 200) { nodes { id ${nested ? "contacts { id deals { id } }" : ""} } } }`,
}));

/** F_i spreads F_{i-1} under two aliases: 2^levels selections from a few hundred bytes. */
const fragmentBomb = fc.tuple(fc.integer({ min: 2, max: 60 }), fc.boolean()).map(([levels, underField]): Shape => {
  const fragments = [`fragment F0 on Query { accounts(first: 200) { nodes { id } } }`];
  for (let i = 1; i <= levels; i += 1) {
    fragments.push(
      underField
        ? `fragment F${i} on Query { x${i}: me { __typename } ...F${i - 1} y${i}: __typename ...F${i - 1} }`
        : `fragment F${i} on Query { a${i}: __typename ...F${i - 1} ...F${i - 1} }`,
    );
  }
  return { kind: "fragment bomb", query: `query Bomb { ...F${levels} } ${fragments.join(" ")}` };
});

const fragmentCycle = fc.integer({ min: 2, max: 500 }).map((n): Shape => ({
  kind: "fragment cycle",
  query: `{ ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { __typename ...F${(i + 1) % n} }`).join(" ")}`,
}));

const tokenFloods = fc.oneof(
  fc.integer({ min: 1_000, max: 250_000 }).map((n): Shape => ({ kind: "many tokens: fields", query: `{ ${"__typename ".repeat(n)}}` })),
  fc
    .integer({ min: 1_000, max: 200_000 })
    .map((n): Shape => ({ kind: "many tokens: nested list literal", query: `{ accounts(first: ${"[".repeat(n)}1${"]".repeat(n)}) { nodes { id } } }` })),
  fc.integer({ min: 1_000, max: 100_000 }).map((n): Shape => ({ kind: "many tokens: directives", query: `{ __typename ${"@include(if: true) ".repeat(n)}}` })),
  fc
    .integer({ min: 1_000, max: 60_000 })
    .map((n): Shape => ({ kind: "many tokens: variables", query: `query Q(${Array.from({ length: n }, (_, i) => `$v${i}: Int`).join(", ")}) { __typename }` })),
  fc.integer({ min: 1_000, max: 900_000 }).map((n): Shape => ({ kind: "huge comment", query: `#${"x".repeat(n)}\n{ __typename }` })),
  fc.integer({ min: 1_000, max: 900_000 }).map((n): Shape => ({ kind: "huge string literal", query: `{ fields(module: "${"x".repeat(n)}") { apiName } }` })),
  fc
    .integer({ min: 100, max: 50_000 })
    .map((n): Shape => ({ kind: "many operations in one document", query: Array.from({ length: n }, (_, i) => `query Q${i} { __typename }`).join(" ") })),
);

/** Documents that are barely GraphQL: odd bytes, unbalanced braces, the wrong operation type. */
const oddDocuments = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }).map((query): Shape => ({ kind: "random text", query })),
  fc.constantFrom<Shape>(
    { kind: "odd document", query: "" },
    { kind: "odd document", query: "{" },
    { kind: "odd document", query: "}".repeat(10_000) },
    { kind: "odd document", query: "{ __typename \u0000 }" },
    { kind: "odd document", query: "{ __typename \ud800 }" },
    { kind: "odd document", query: "\ufeff{ __typename }" },
    { kind: "odd document", query: "subscription { syncEvents { id status } }" },
    { kind: "odd document", query: "mutation { __typename }" },
    {
      kind: "odd document",
      query: "query { __schema { types { fields { type { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } } } }",
    },
    { kind: "odd document", query: `{ __type(name: "Account") { ${"ofType { ".repeat(2_000)}name${" }".repeat(2_000)} } }` },
    { kind: "odd document", query: `{ accounts(first: 1, first: 2, first: 3) { nodes { id } } }` },
    { kind: "odd document", query: `query Q($a: Int, $a: String) { __typename }` },
  ),
);

export function hostileShapes(schema: GraphQLSchema, ids: readonly string[]): fc.Arbitrary<Shape> {
  return fc.oneof(cyclicWalk(schema, ids), aliases, spreads, fragmentBomb, fragmentCycle, tokenFloods, oddDocuments);
}
