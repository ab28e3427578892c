import { ADMINISTRATOR_PROFILE, type User } from "./user.entity";

/** What a rule can require of the one asking. Declared on resolvers with @Authorized(Permission.X). */
export enum Permission {
  /** Configuration, mappings, sync history, users and tokens. */
  Admin = "ADMIN",
  /** FSM data inside the CRM: granted to the users the integration is installed for. */
  FsmAccess = "FSM_ACCESS",
}

/** The authenticated user of one request. */
export class Viewer {
  constructor(readonly user: User) {}

  get isAdmin(): boolean {
    return this.user.profile === ADMINISTRATOR_PROFILE;
  }

  has(permission: Permission): boolean {
    switch (permission) {
      case Permission.Admin:
        return this.isAdmin;
      case Permission.FsmAccess:
        // Install modes (admins only / all users / chosen profiles) narrow this later; until then every user.
        return true;
    }
  }
}
