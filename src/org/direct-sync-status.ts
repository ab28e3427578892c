import { Field, ObjectType, registerEnumType } from "type-graphql";
import { InstallState } from "./install-state";

/** Whether direct two-way sync runs, and if not, which of the org's settings stops it. */
export enum DirectSyncState {
  RUNNING = "RUNNING",
  /** The CRM is integrated with a finance suite: the vendor's rule switches direct sync off (domain.md §4). */
  FINANCE_SUITE = "FINANCE_SUITE",
  /** Integrated, but an edition fell to Free. */
  PAUSED = "PAUSED",
  /** Not installed, installed but not yet integrated, or uninstalled. */
  NOT_INTEGRATED = "NOT_INTEGRATED",
}
registerEnumType(DirectSyncState, { name: "DirectSyncState" });

@ObjectType({ description: "Whether direct two-way sync runs now and, if not, why." })
export class DirectSyncStatus {
  @Field(() => DirectSyncState) state!: DirectSyncState;
  @Field(() => String, { nullable: true, description: "Why sync is not running and what undoes it, in words for an admin; null while it runs." })
  reason!: string | null;
}

interface SyncSwitches {
  financeSuiteIntegrated: boolean;
  installState: InstallState;
  statusReason: string | null;
}

/** The finance suite comes first: it is the one thing that stops sync in every install state, and installing refuses it. */
export function directSyncStatusOf(org: SyncSwitches): DirectSyncStatus {
  const status = (state: DirectSyncState, reason: string | null) => Object.assign(new DirectSyncStatus(), { state, reason });
  if (org.financeSuiteIntegrated) {
    return status(
      DirectSyncState.FINANCE_SUITE,
      "Direct sync is off while the CRM is integrated with a finance suite (changes are kept; clear the finance-suite integration to sync them)",
    );
  }
  if (org.installState === InstallState.PAUSED) return status(DirectSyncState.PAUSED, `The integration is paused: ${org.statusReason ?? "an edition is Free"}`);
  if (org.installState !== InstallState.INTEGRATED) {
    return status(DirectSyncState.NOT_INTEGRATED, `The integration is ${org.installState.toLowerCase().replace("_", " ")}: sync is not running`);
  }
  return status(DirectSyncState.RUNNING, null);
}
