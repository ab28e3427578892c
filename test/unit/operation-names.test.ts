import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSchema, type GraphQLObjectType } from "graphql";

const ROOT = path.resolve(__dirname, "../..");
const schema = buildSchema(fs.readFileSync(path.join(ROOT, "schema/schema.graphql"), "utf8"));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const source = ["resolvers", "src"]
  .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
  .map((file) => fs.readFileSync(file, "utf8"))
  .join("\n");
const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t): t is GraphQLObjectType => !!t);
const operations = roots.flatMap((root) => Object.keys(root.getFields()).map((name) => [root.name, name] as const));

/** An operation whose name is built from parts (`create${name}`) cannot be found by searching for it. */
describe("GraphQL operation names", () => {
  it("the schema has operations to check", () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  it.each(operations)("%s.%s is written whole in resolvers/ or src/", (_, name) => {
    expect(new RegExp(`\\b${name}\\b`).test(source)).toBe(true);
  });
});
