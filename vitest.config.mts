import { defineConfig } from "vitest/config";

export default defineConfig({
  // vite would load graphql's .mjs build while type-graphql and Apollo load the .js one: two realms.
  resolve: { alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }] },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/support/setup.ts"],
    // One log file per run for every test gateway, checked for leaked personal data and credentials at the end;
    // the packaged Chromium unpacked once before browser tests run in parallel.
    globalSetup: ["test/support/log-capture.global.ts", "test/support/browser.global.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
