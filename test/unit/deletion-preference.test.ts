import { describe, expect, it } from "vitest";
import { LinkStatus } from "../../src/links/sync-link.entity";
import { decideDeletion, deletesCounterparts, deletionPreferenceOf } from "../../src/sync/decisions/deletion-preference";
import { DeletionPreference, SyncDirection } from "../../src/sync/settings/sync-settings.entity";
import type { Side } from "../../src/sync/sync-pair";

const { DELETE, SUSPEND } = DeletionPreference;
const { ACTIVE, SUSPENDED } = LinkStatus;

describe("deletion preference", () => {
  it.each<[string, boolean, LinkStatus | null, DeletionPreference, string, string]>([
    ["a late announcement of a record that still exists changes nothing", true, ACTIVE, DELETE, "NONE", "RECORD_EXISTS"],
    ["an existing record wins over every other rule, unlinked too", true, null, DELETE, "NONE", "RECORD_EXISTS"],
    ["an unlinked record's deletion has nothing to propagate", false, null, DELETE, "NONE", "NOT_LINKED"],
    ["an unlinked record's deletion under SUSPEND neither", false, null, SUSPEND, "NONE", "NOT_LINKED"],
    ["DELETE with an active link deletes the counterpart", false, ACTIVE, DELETE, "DELETE_COUNTERPART", "COUNTERPART_DELETED"],
    ["SUSPEND (keep) with an active link keeps the counterpart and suspends the link", false, ACTIVE, SUSPEND, "SUSPEND_LINK", "LINK_SUSPENDED"],
    ["DELETE with an inactive (suspended) link only removes the link", false, SUSPENDED, DELETE, "REMOVE_LINK", "LINK_REMOVED"],
    ["SUSPEND with an inactive link removes it too: both records are gone", false, SUSPENDED, SUSPEND, "REMOVE_LINK", "LINK_REMOVED"],
  ])("%s", (_, recordExists, linkStatus, preference, action, reason) => {
    expect(decideDeletion(recordExists, linkStatus, preference)).toEqual({ action, reason });
  });

  it.each<[Side, DeletionPreference]>([
    ["CRM", DELETE],
    ["FSM", SUSPEND],
  ])("a deletion on the %s follows that side's preference (%s)", (side, expected) => {
    expect(deletionPreferenceOf({ onCrmDelete: DELETE, onFsmDelete: SUSPEND }, side)).toBe(expected);
  });

  it.each<[string, boolean, SyncDirection, Side, DeletionPreference, boolean]>([
    ["enabled two-way pair, DELETE", true, SyncDirection.TWO_WAY, "CRM", DELETE, true],
    ["enabled two-way pair, SUSPEND", true, SyncDirection.TWO_WAY, "CRM", SUSPEND, false],
    ["disabled pair, DELETE", false, SyncDirection.TWO_WAY, "CRM", DELETE, false],
    ["FSM deletions of a CRM → FSM pair do not cross", true, SyncDirection.CRM_TO_FSM, "FSM", DELETE, false],
    ["CRM deletions of a CRM → FSM pair do", true, SyncDirection.CRM_TO_FSM, "CRM", DELETE, true],
    ["CRM deletions of an FSM → CRM pair do not cross", true, SyncDirection.FSM_TO_CRM, "CRM", DELETE, false],
    ["FSM deletions of an FSM → CRM pair do", true, SyncDirection.FSM_TO_CRM, "FSM", DELETE, true],
  ])("deletions delete counterparts: %s → %s", (_, enabled, direction, side, preference, expected) => {
    const other = preference === DELETE ? SUSPEND : DELETE;
    const settings = side === "CRM" ? { onCrmDelete: preference, onFsmDelete: other } : { onCrmDelete: other, onFsmDelete: preference };
    expect(deletesCounterparts({ enabled, direction, ...settings }, side)).toBe(expected);
  });
});
