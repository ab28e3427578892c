import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../../src/http/context";
import type { RecordBase } from "../../src/common/record-base";
import { Permission, requireViewer } from "../../src/access/viewer";
import { SyncEvent } from "../../src/sync/history/sync-event.entity";
import { SyncOutcome } from "../../src/sync/engine/sync-outcome";
import { SystemName } from "../../src/fields/field-definition.entity";
import { Account } from "../../src/crm/entities/account.entity";
import { CrmContact } from "../../src/crm/entities/crm-contact.entity";
import { Product } from "../../src/crm/entities/product.entity";
import { Company } from "../../src/fsm/entities/company.entity";
import { FsmContact } from "../../src/fsm/entities/fsm-contact.entity";
import { ServiceAndPart } from "../../src/fsm/entities/service-and-part.entity";
import { BadUserInputError } from "../../src/errors/app-error";
import { SyncedModule, pairOf } from "../../src/sync/sync-pair";
import { SyncLink } from "../../src/links/sync-link.entity";

/** `syncStatus` on a record of a synced module: its latest sync, whatever the outcome. */
function SyncStatusResolver<T extends RecordBase>(type: ClassType<T>, side: "CRM" | "FSM") {
  @Authorized(Permission.FsmAccess)
  @Resolver(() => type)
  class SyncStatusFieldResolver {
    @FieldResolver(() => SyncEvent, { nullable: true, description: "The latest sync of this record (status, reason, time)." })
    syncStatus(@Root() record: T, @Ctx() { loaders }: Context) {
      return loaders.latestSyncEvent(side).load(record.id);
    }
  }
  Object.defineProperty(SyncStatusFieldResolver, "name", { value: `${type.name}SyncStatusResolver` });
  return SyncStatusFieldResolver;
}

export const AccountSyncStatus = SyncStatusResolver(Account, "CRM");
export const CrmContactSyncStatus = SyncStatusResolver(CrmContact, "CRM");
export const ProductSyncStatus = SyncStatusResolver(Product, "CRM");
export const CompanySyncStatus = SyncStatusResolver(Company, "FSM");
export const FsmContactSyncStatus = SyncStatusResolver(FsmContact, "FSM");
export const ServiceAndPartSyncStatus = SyncStatusResolver(ServiceAndPart, "FSM");

@Authorized(Permission.FsmAccess)
@Resolver()
export class SyncNowResolver {
  @Mutation(() => SyncOutcome, { description: "Syncs one record now (and resumes its link if it was suspended)." })
  syncRecordNow(
    @Arg("system", () => SystemName) system: SystemName,
    @Arg("module", () => SyncedModule) module: SyncedModule,
    @Arg("id", () => ID) id: string,
    @Ctx() { services, viewer }: Context,
  ) {
    if (!pairOf(system, module)) throw new BadUserInputError("module", `module: ${system} ${module} does not sync`);
    return services.writer.syncRecord(system, module, id, { userId: requireViewer(viewer).user.id });
  }

  @Mutation(() => SyncLink, {
    description:
      "Removes the sync link of a record, keeping both records (e.g. a Contact whose company must change: COMPANY_CHANGE_NOT_ALLOWED). " +
      "The history records who removed it; instant sync leaves the two apart, only the initial sync's matching pairs them again. Returns the removed link.",
  })
  removeSyncLink(
    @Arg("system", () => SystemName) system: SystemName,
    @Arg("module", () => SyncedModule) module: SyncedModule,
    @Arg("id", () => ID) id: string,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.syncLinkRemoval.remove(system, module, id, { userId: requireViewer(viewer).user.id });
  }
}
