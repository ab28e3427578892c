import { SyncDirection, type SyncSettings } from "../settings/sync-settings.entity";
import type { Side } from "../sync-pair";
import { bySide } from "../../common/side";
import { SyncReason } from "../sync-reason";

/** Whether a pair set to `direction` lets a change made on `from` cross to the other side. */
export function allowsFlow(direction: SyncDirection, from: Side): boolean {
  return direction === SyncDirection.TWO_WAY || direction === bySide(from, { CRM: SyncDirection.CRM_TO_FSM, FSM: SyncDirection.FSM_TO_CRM });
}

export type CrossingBlock = SyncReason.SYNC_DISABLED | SyncReason.DIRECTION_EXCLUDED;

/** Why a change made on `from` may not cross under the pair's settings, or null when it may. */
export function crossingBlockedBecause(settings: Pick<SyncSettings, "enabled" | "direction">, from: Side): CrossingBlock | null {
  if (!settings.enabled) return SyncReason.SYNC_DISABLED;
  if (!allowsFlow(settings.direction, from)) return SyncReason.DIRECTION_EXCLUDED;
  return null;
}
