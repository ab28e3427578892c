// @ts-check
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    // Build output, emitted schema, codegen output and generated migrations are not written by hand.
    ignores: ["dist/", "schema/", "test/generated/", "src/db/migrations/", "node_modules/", "coverage/"],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // tsconfig.json covers src, resolvers, test and bench; the config files at the root get tsconfig.eslint.json.
        projectService: { allowDefaultProject: ["*.mjs", "*.mts"], defaultProject: "tsconfig.eslint.json" },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // A leading underscore marks a parameter a signature requires but this implementation does not use.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Apollo plugin hooks and the interfaces we implement return promises; `async` without `await` is the plainest way to satisfy them.
      "@typescript-eslint/require-await": "off",
      // TypeORM and type-graphql key their metadata by `Function` (EntityMetadata.target, buildSchema's resolvers); we only pass classes as that key, never call them.
      "@typescript-eslint/no-unsafe-function-type": "off",
      // String(value) on record field values typed `unknown` (rows, Zoho JSON, view criteria) is the intended scalar conversion; the rule cannot tell those from objects.
      "@typescript-eslint/no-base-to-string": "off",
    },
  },
  {
    files: ["test/**/*.test.ts"],
    rules: {
      // A test reads response fields it has just asked for; a missing one fails the test at that line, which is the assertion we want.
      "@typescript-eslint/no-non-null-assertion": "off",
      // vitest types its asymmetric matchers (expect.any, expect.stringContaining, expect.objectContaining) as any.
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },
  prettier,
);
