import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

/**
 * The create/link and sync suites once more, with the CRM and FSM behind the remote connectors and the Zoho
 * emulator (test/support/zoho-emulator) instead of the embedded stores: `npm run test:remote`.
 * (Not mergeConfig: it would add these files to the base config's include instead of replacing it.)
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      "test/e2e/create-from-crm.test.ts",
      "test/e2e/parent-links.test.ts",
      "test/e2e/fsm-conversions.test.ts",
      "test/e2e/fsm-workflow.test.ts",
      "test/e2e/fsm-edits.test.ts",
      "test/e2e/conversion-mappings.test.ts",
      "test/e2e/sync-two-way.test.ts",
      "test/e2e/sync-conflicts-deletions.test.ts",
      "test/e2e/sync-failures.test.ts",
      "test/e2e/sync-late-account.test.ts",
      "test/e2e/sync-link-removal.test.ts",
      "test/e2e/match-key.test.ts",
      "test/e2e/sync-personal-data.test.ts",
      "test/e2e/personal-data-classes.test.ts",
      "test/e2e/demo-install.test.ts",
      "test/e2e/change-feed.test.ts",
      "test/e2e/input-bounds.test.ts",
      "test/e2e/crm-deals-sales-orders.test.ts",
    ],
    env: { GATEWAY_CONNECTORS: "zoho" },
  },
});
