import { Authorized, FieldResolver, Resolver, Root } from "type-graphql";
import { Permission } from "../../src/access/viewer";
import { OrgSettings } from "../../src/org/org-settings.entity";
import { DirectSyncStatus, directSyncStatusOf } from "../../src/org/direct-sync-status";

/** The org's sync status, derived from the settings it is read with. Admin only, like the settings. */
@Authorized(Permission.Admin)
@Resolver(() => OrgSettings)
export class OrgSyncStatusResolver {
  @FieldResolver(() => DirectSyncStatus, { description: "Whether direct two-way sync runs now and, if not, why (the finance suite has its own state)." })
  syncStatus(@Root() org: OrgSettings): DirectSyncStatus {
    return directSyncStatusOf(org);
  }
}
