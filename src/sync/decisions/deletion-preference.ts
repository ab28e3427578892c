import { LinkStatus } from "../../links/sync-link.entity";
import { DeletionPreference, type SyncSettings } from "../settings/sync-settings.entity";
import type { Side } from "../sync-pair";
import { allowsFlow } from "./sync-direction";
import { bySide } from "../../common/side";
import { SyncReason } from "../sync-reason";

/** What a deletion announced on one side does to its counterpart and to the link between them. */
export type DeletionDecision =
  | { action: "NONE"; reason: SyncReason.RECORD_EXISTS | SyncReason.NOT_LINKED }
  | { action: "REMOVE_LINK"; reason: SyncReason.LINK_REMOVED }
  | { action: "SUSPEND_LINK"; reason: SyncReason.LINK_SUSPENDED }
  | { action: "DELETE_COUNTERPART"; reason: SyncReason.COUNTERPART_DELETED };

/** The pair's preference for deletions made on `side`. */
export function deletionPreferenceOf(settings: Pick<SyncSettings, "onCrmDelete" | "onFsmDelete">, side: Side): DeletionPreference {
  return bySide(side, { CRM: settings.onCrmDelete, FSM: settings.onFsmDelete });
}

/**
 * `recordExists`: the deleted record can still be read (a late or replayed announcement); `linkStatus`: its
 * link's status, null when it has none. The preference applies only to an active link.
 */
export function decideDeletion(recordExists: boolean, linkStatus: LinkStatus | null, preference: DeletionPreference): DeletionDecision {
  // A late or replayed delete announcement must not delete the counterpart of a record that exists.
  if (recordExists) return { action: "NONE", reason: SyncReason.RECORD_EXISTS };
  if (linkStatus === null) return { action: "NONE", reason: SyncReason.NOT_LINKED };
  // Suspended after the other side's deletion, and now this side is gone too: nothing is left to pair.
  if (linkStatus === LinkStatus.SUSPENDED) return { action: "REMOVE_LINK", reason: SyncReason.LINK_REMOVED };
  if (preference === DeletionPreference.SUSPEND) return { action: "SUSPEND_LINK", reason: SyncReason.LINK_SUSPENDED };
  return { action: "DELETE_COUNTERPART", reason: SyncReason.COUNTERPART_DELETED };
}

/**
 * Whether the pair's settings let deletions on `side` delete actively linked counterparts: only those are
 * counted and held by the mass-delete guard.
 */
export function deletesCounterparts(settings: Pick<SyncSettings, "enabled" | "direction" | "onCrmDelete" | "onFsmDelete">, side: Side): boolean {
  return settings.enabled && allowsFlow(settings.direction, side) && deletionPreferenceOf(settings, side) === DeletionPreference.DELETE;
}
