import { registerEnumType } from "type-graphql";

export enum Edition {
  FREE = "FREE",
  STANDARD = "STANDARD",
  PROFESSIONAL = "PROFESSIONAL",
  ENTERPRISE = "ENTERPRISE",
  ULTIMATE = "ULTIMATE",
}
registerEnumType(Edition, { name: "Edition" });

export enum InstallState {
  NOT_INSTALLED = "NOT_INSTALLED",
  /** Installed; mappings may be configured; not syncing yet. */
  INSTALLED = "INSTALLED",
  /** Integrated: syncing. */
  INTEGRATED = "INTEGRATED",
  /** Integrated, but an edition fell to Free: sync waits until it is upgraded again. */
  PAUSED = "PAUSED",
  UNINSTALLED = "UNINSTALLED",
}
registerEnumType(InstallState, { name: "InstallState" });

export enum InstallMode {
  ADMINS_ONLY = "ADMINS_ONLY",
  ALL_USERS = "ALL_USERS",
  CHOSEN_PROFILES = "CHOSEN_PROFILES",
}
registerEnumType(InstallMode, { name: "InstallMode" });
