import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { buildGatewaySchema } from "./schema/build-schema";
import { printGatewaySchema } from "./schema/print-schema";

/** Writes schema/schema.graphql from the code: `npm run schema:emit`. */
async function main() {
  const target = path.join(process.cwd(), "schema", "schema.graphql");
  fs.writeFileSync(target, printGatewaySchema(await buildGatewaySchema()));
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
