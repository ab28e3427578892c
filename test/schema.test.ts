import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate, loadCodegenConfig } from "@graphql-codegen/cli";
import { buildGatewaySchema } from "../src/schema/build-schema";
import { printGatewaySchema } from "../src/schema/print-schema";

const root = path.join(__dirname, "..");

describe("committed API artefacts", () => {
  it("schema/schema.graphql is what the resolvers build (run `npm run schema:emit` after changing the API)", async () => {
    const committed = fs.readFileSync(path.join(root, "schema", "schema.graphql"), "utf8");
    expect(printGatewaySchema(await buildGatewaySchema())).toBe(committed);
  });

  it("test/generated/graphql.ts is what codegen makes of the schema and operations (run `npm run codegen`)", async () => {
    const { config } = await loadCodegenConfig({ configFilePath: path.join(root, "codegen.yml") });
    // generate's declared return type is any: with `false` (do not write) it answers the files it made.
    const outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs).toHaveLength(1);
    const committed = fs.readFileSync(path.join(root, "test", "generated", "graphql.ts"), "utf8");
    expect(outputs[0].content).toBe(committed);
  });
});
