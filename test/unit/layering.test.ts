import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Layers point down (docs/architecture.md "Composition root and layers"); import cycles are `npm run check:cycles`. */

const ROOT = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith(".ts") ? [relative] : [];
  });
}

/** Every module a file names: static imports and re-exports (type-only ones too), dynamic import() and require(). */
function importedModules(file: string, source: string): string[] {
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)].map((m) => m[1]);
  return specifiers.map((s) => (s.startsWith(".") ? path.posix.join(path.posix.dirname(file), s) : s));
}

/** The imports of `files` that land in one of `forbidden` (folders or files relative to the repository). */
function violations(files: Record<string, string>, forbidden: string[]): string[] {
  return Object.entries(files).flatMap(([file, source]) =>
    importedModules(file, source)
      .filter((target) => forbidden.some((f) => target === f || target.startsWith(`${f}/`)))
      .map((target) => `${file} imports ${target}`),
  );
}

function read(files: string[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(ROOT, f), "utf8")]));
}

const UPPER_LAYERS = ["src/remote", "src/http", "resolvers"];
/** Who may read the app's registry: the composition root, the gateway, the HTTP edge and its routers. */
const REGISTRY_READERS = (file: string) =>
  file.startsWith("src/http/") || file.endsWith(".router.ts") || ["src/gateway.ts", "src/create-services.ts", "src/services.ts"].includes(file);

describe("layers", () => {
  it("the sync engine imports no connector, HTTP or resolver code", () => {
    const sync = read(sourceFiles("src/sync"));
    expect(Object.keys(sync).length).toBeGreaterThan(20);
    expect(violations(sync, UPPER_LAYERS)).toEqual([]);
  });

  it("no feature below the HTTP edge imports the Services registry: each takes what it uses", () => {
    const features = read(sourceFiles("src").filter((f) => !REGISTRY_READERS(f)));
    expect(violations(features, ["src/services"])).toEqual([]);
  });

  it("finds every form of import the checks rely on", () => {
    const sample = {
      "src/sync/sample.ts": [
        `import { a } from "../remote/transport/request-scheduler";`,
        `import type { B } from '../../resolvers/crm/accounts.resolver';`,
        `export { c } from "./../http/context";`,
        `const d = await import("../remote/zoho-record-store");`,
        `const e = require("../http/logger");`,
        `import "../remote/side-effect";`,
        `import { fine } from "../common/side";`,
        `import { alsoFine } from "./remote-notes";`,
      ].join("\n"),
    };
    expect(violations(sample, UPPER_LAYERS)).toEqual([
      "src/sync/sample.ts imports src/remote/transport/request-scheduler",
      "src/sync/sample.ts imports resolvers/crm/accounts.resolver",
      "src/sync/sample.ts imports src/http/context",
      "src/sync/sample.ts imports src/remote/zoho-record-store",
      "src/sync/sample.ts imports src/http/logger",
      "src/sync/sample.ts imports src/remote/side-effect",
    ]);
  });
});
