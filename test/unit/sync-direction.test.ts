import { describe, expect, it } from "vitest";
import { allowsFlow, crossingBlockedBecause } from "../../src/sync/decisions/sync-direction";
import { SyncDirection } from "../../src/sync/settings/sync-settings.entity";
import type { Side } from "../../src/sync/sync-pair";

describe("sync direction", () => {
  it.each<[SyncDirection, Side, boolean]>([
    [SyncDirection.TWO_WAY, "CRM", true],
    [SyncDirection.TWO_WAY, "FSM", true],
    [SyncDirection.CRM_TO_FSM, "CRM", true],
    [SyncDirection.CRM_TO_FSM, "FSM", false],
    [SyncDirection.FSM_TO_CRM, "FSM", true],
    [SyncDirection.FSM_TO_CRM, "CRM", false],
  ])("a %s pair lets a change made on the %s cross: %s", (direction, from, allowed) => {
    expect(allowsFlow(direction, from)).toBe(allowed);
  });

  it.each<[string, boolean, SyncDirection, Side, string | null]>([
    ["an enabled two-way pair lets it cross", true, SyncDirection.TWO_WAY, "FSM", null],
    ["an enabled one-way pair lets its own side's change cross", true, SyncDirection.CRM_TO_FSM, "CRM", null],
    ["an enabled CRM → FSM pair stops an FSM change", true, SyncDirection.CRM_TO_FSM, "FSM", "DIRECTION_EXCLUDED"],
    ["an enabled FSM → CRM pair stops a CRM change", true, SyncDirection.FSM_TO_CRM, "CRM", "DIRECTION_EXCLUDED"],
    ["a disabled pair stops every change", false, SyncDirection.TWO_WAY, "CRM", "SYNC_DISABLED"],
    ["a disabled pair reports being disabled before the direction", false, SyncDirection.FSM_TO_CRM, "CRM", "SYNC_DISABLED"],
  ])("%s", (_, enabled, direction, from, reason) => {
    expect(crossingBlockedBecause({ enabled, direction }, from)).toBe(reason);
  });
});
