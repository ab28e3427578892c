import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import type { Command } from "./sync-model/commands";
import { prepareGateway } from "./sync-model/runner";
import { runHistory } from "./sync-model/history";

/**
 * Histories the sync model once shrank to, replayed as they were printed ("As a regression case: …"). Add a
 * failing history here, with the defect's name, before fixing it.
 */
const HISTORIES: Record<string, Command[]> = {
  "a field edited while unmapped stayed different after it was mapped again": [
    { kind: "mapping", website: false },
    { kind: "edit", slot: 0, side: "CRM", field: "website", value: "a", how: "gateway", announceTimes: 1 },
    { kind: "mapping", website: true },
    { kind: "edit", slot: 0, side: "CRM", field: "name", value: "a", how: "gateway", announceTimes: 1 },
  ],
  // Found by CI (seed 1021501399): the CRM edit's entry overwrote the later FSM edit, which had set the value that
  // crossed last, then that FSM edit crossed to the CRM: the sides swapped values.
  "an older edit overwrote a later pending edit that set the value which crossed last": [
    { kind: "edit", slot: 1, side: "CRM", field: "name", value: "na", how: "gateway", announceTimes: 1 },
    { kind: "edit", slot: 1, side: "CRM", field: "name", value: "bl", how: "deferred", announceTimes: 1 },
    { kind: "edit", slot: 1, side: "FSM", field: "name", value: "na", how: "deferred", announceTimes: 1 },
  ],
};

describe("sync model: shrunk histories of fixed defects", () => {
  let t: TestGateway;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "sync-model-"));
    t = await startTestGateway({ syncWorker: false, sqlitePath: path.join(dir, "gateway.sqlite") });
    await prepareGateway(t);
  });
  afterAll(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, commands] of Object.entries(HISTORIES)) it(name, () => runHistory(t, commands));
});
