import { ADMINISTRATOR_PROFILE, type User } from "./user.entity";
import type { OrgSettings } from "../org/org-settings.entity";
import { InstallMode, InstallState } from "../org/install-state";
import { UnauthenticatedError } from "../errors/app-error";

/** What a rule can require of the one asking. Declared on resolvers with @Authorized(Permission.X). */
export enum Permission {
  /** Configuration, mappings, sync history, users and tokens. */
  Admin = "ADMIN",
  /** FSM data inside the CRM: granted to the users the integration is installed for. */
  FsmAccess = "FSM_ACCESS",
}

const INSTALLED = new Set([InstallState.INSTALLED, InstallState.INTEGRATED, InstallState.PAUSED]);

/** The authenticated user of one request, with the organisation's install scope. */
export class Viewer {
  constructor(
    readonly user: User,
    private readonly org: Pick<OrgSettings, "installState" | "installMode" | "installProfiles">,
  ) {}

  get isAdmin(): boolean {
    return this.user.profile === ADMINISTRATOR_PROFILE;
  }

  has(permission: Permission): boolean {
    switch (permission) {
      case Permission.Admin:
        return this.isAdmin;
      case Permission.FsmAccess:
        return this.inInstallScope();
    }
  }

  /** The integration is installed for this user: admins only, all users, or the chosen profiles. */
  private inInstallScope(): boolean {
    if (!INSTALLED.has(this.org.installState)) return false;
    switch (this.org.installMode) {
      case InstallMode.ADMINS_ONLY:
        return this.isAdmin;
      case InstallMode.ALL_USERS:
        return true;
      case InstallMode.CHOSEN_PROFILES:
        // Administrators configure the integration: they keep access whichever profiles are chosen.
        return this.isAdmin || (this.org.installProfiles ?? []).includes(this.user.profile);
    }
  }
}

/**
 * The viewer of a resolver that needs one. The require-viewer plugin already refuses anonymous operations, so this
 * only narrows the type; should that ever change, the caller still gets UNAUTHENTICATED rather than a TypeError.
 */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}
