import { describe, expect, it } from "vitest";
import { buildSchema, getIntrospectionQuery, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { measureSelections } from "../../src/http/limits/operation-shape";
import { estimateQueryCost } from "../../src/http/limits/query-cost";

const schema = buildSchema(`
  type Query { orders(first: Int! = 20): OrderConnection! order(id: ID!): Order me: User }
  type OrderConnection { nodes: [Order!]! totalCount: Int! }
  type Order { id: ID! tags: [String!]! lines: [Line!]! customer: User }
  type Line { id: ID! order: Order! }
  type User { id: ID! orders: [Order!]! }
`);
const OPTIONS = { assumedListSize: 20, maxPageSize: 200 };

function shapeOf(text: string) {
  const document = parse(text);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = (name: string) =>
    document.definitions.find((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
  return measureSelections(operation.selectionSet, fragments);
}

function costOf(text: string, variables: Record<string, unknown> = {}) {
  return estimateQueryCost(schema, parse(text), undefined, variables, OPTIONS);
}

describe("operation shape", () => {
  it("counts nesting depth through fields, inline fragments and fragment spreads", () => {
    expect(shapeOf("{ me { id } }")).toEqual({ depth: 2, aliases: 0 });
    expect(shapeOf("{ order(id: 1) { ... on Order { lines { ...L } } } } fragment L on Line { order { id } }")).toEqual({ depth: 4, aliases: 0 });
  });

  it("counts aliases once per spread of their fragment, and survives fragment cycles", () => {
    expect(shapeOf("{ a: me { id } b: me { x: id } }").aliases).toBe(3);
    expect(shapeOf("{ me { ...F ...F } } fragment F on User { a: id b: id }").aliases).toBe(4);
    expect(shapeOf("{ me { ...F } } fragment F on User { orders { customer { ...F } } }").depth).toBe(3);
  });

  it("stays linear when fragments double at every level (each fragment measured once)", () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on User { ${i === levels - 1 ? "x: id" : `...F${i + 1} ...F${i + 1}`} }`);
    const shape = shapeOf(`{ me { ...F0 } } ${fragments.join(" ")}`);
    expect(shape.aliases).toBe(2 ** (levels - 1));
  });

  it("does not count __Type.ofType chains, so the playground's introspection query stays shallow", () => {
    expect(shapeOf(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true })).depth).toBeLessThanOrEqual(6);
    expect(shapeOf("{ ofType: me { id } }").depth).toBe(2);
  });
});

describe("static query cost", () => {
  it("counts each field once and multiplies what a list selects by its size", () => {
    expect(costOf("{ me { id } }")).toMatchObject({ kind: "estimated", cost: 2 });
    // me (1) + orders (1 + 20 × (id + tags + lines (1 + 20 × id)))
    expect(costOf("{ me { orders { id tags lines { id } } } }")).toMatchObject({ cost: 1 + 1 + 20 * (1 + 1 + 1 + 20 * 1) });
  });

  it("takes `first` (argument, variable or default) as the page size, and a connection's nodes as that page", () => {
    const page = "query($n: Int!) { orders(first: $n) { totalCount nodes { id } } }";
    expect(costOf(page, { n: 50 })).toMatchObject({ cost: 1 + 50 * (1 + 1 + 1) });
    expect(costOf("{ orders { nodes { id } } }")).toMatchObject({ cost: 1 + 20 * 2 });
  });

  it("reports a `first` above the page size cap, and counts it at the cap", () => {
    expect(costOf("{ orders(first: 5000) { nodes { id } } }")).toEqual({ kind: "estimated", cost: 1 + 200 * 2, oversizedFirst: 5000 });
  });

  it("skips @skip/@include'd selections and multiplies nested lists (a fan-out)", () => {
    expect(costOf("query($s: Boolean!) { me { id orders @skip(if: $s) { id } } }", { s: true })).toMatchObject({ cost: 2 });
    const fanOut = "{ orders(first: 200) { nodes { lines { order { lines { order { lines { id } } } } } } } }";
    const estimate = costOf(fanOut);
    expect(estimate.kind === "estimated" && estimate.cost).toBeGreaterThan(200 * 20 ** 3);
  });

  it("gives up with too-large past 10,000 selections, and leaves bad variables to execution", () => {
    const levels = 20;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on User { ${i === levels - 1 ? "id" : `...F${i + 1} orders { customer { ...F${i + 1} } }`} }`,
    );
    expect(costOf(`{ me { ...F0 } } ${fragments.join(" ")}`)).toEqual({ kind: "too-large", selections: 10_000 });
    expect(costOf("query($n: Int!) { orders(first: $n) { totalCount } }", { n: "ten" })).toEqual({ kind: "invalid-variables" });
  });
});
