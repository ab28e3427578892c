import type { RejectionReason } from "../common/record-rejected.error";

/**
 * Why a sync went as it did: the reason code of a sync event and of a sync outcome. Exposed in the graph as a
 * plain String (its values are these names), so adding a code does not change the schema.
 */
export enum SyncReason {
  // Synced
  COUNTERPART_CREATED = "COUNTERPART_CREATED",
  COUNTERPART_DELETED = "COUNTERPART_DELETED",
  LINK_RESUMED = "LINK_RESUMED",
  SYNCED_WITH_EARLIER_CHANGE = "SYNCED_WITH_EARLIER_CHANGE",
  // Initial sync
  LINKED = "LINKED",
  OVERWRITTEN = "OVERWRITTEN",
  CLONED = "CLONED",
  // Skipped
  NO_CHANGES = "NO_CHANGES",
  RECORD_DELETED = "RECORD_DELETED",
  RECORD_EXISTS = "RECORD_EXISTS",
  NOT_LINKED = "NOT_LINKED",
  LINK_REMOVED = "LINK_REMOVED",
  LINK_SUSPENDED = "LINK_SUSPENDED",
  NOT_IN_VIEW = "NOT_IN_VIEW",
  COUNTERPART_MISSING = "COUNTERPART_MISSING",
  SYNC_DISABLED = "SYNC_DISABLED",
  DIRECTION_EXCLUDED = "DIRECTION_EXCLUDED",
  // Pending
  STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE",
  DIRECT_SYNC_DISABLED = "DIRECT_SYNC_DISABLED",
  QUEUED = "QUEUED",
  RETRY_SCHEDULED = "RETRY_SCHEDULED",
  // Failed
  MANDATORY_NOT_FOUND = "MANDATORY_NOT_FOUND",
  INVALID_DATA = "INVALID_DATA",
  DUPLICATE_DATA = "DUPLICATE_DATA",
  COMPANY_CHANGE_NOT_ALLOWED = "COMPANY_CHANGE_NOT_ALLOWED",
  TRANSIENT_ERROR = "TRANSIENT_ERROR",
}

/** The sync reason of a write one system rejected (the same code). */
export function rejectionSyncReason(reason: RejectionReason): SyncReason {
  return SyncReason[reason];
}
