import { Authorized, Ctx, FieldResolver, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../../src/http/context";
import type { RecordBase } from "../../src/common/record-base";
import { Permission } from "../../src/access/viewer";
import { SyncLink } from "../../src/links/sync-link.entity";
import { COUNTERPART, type SyncedCrmModule } from "../../src/modules/module-registry";

interface SyncedRecordOptions<T extends RecordBase> {
  type: ClassType<T>;
  side: "crm" | "fsm";
  crmModule: SyncedCrmModule;
  /** The field that returns the record on the other side, e.g. fsmCompany / crmAccount. */
  counterpartField: string;
  counterpartType: ClassType<RecordBase>;
}

/** A record that pairs with one on the other side: its sync link and its counterpart. Needs FSM access. */
export function SyncedRecordResolver<T extends RecordBase>(options: SyncedRecordOptions<T>) {
  const { crmModule, side } = options;
  const fsmModule = COUNTERPART[crmModule].fsmModule;

  @Authorized(Permission.FsmAccess)
  @Resolver(() => options.type)
  class SyncedRecordFieldsResolver {
    @FieldResolver(() => SyncLink, { nullable: true, description: "The link to the record on the other side, if synced." })
    syncLink(@Root() record: T, @Ctx() { loaders }: Context) {
      return side === "crm" ? loaders.syncLinkByCrmId(crmModule).load(record.id) : loaders.syncLinkByFsmId(fsmModule).load(record.id);
    }

    @FieldResolver(() => options.counterpartType, { name: options.counterpartField, nullable: true })
    counterpart(@Root() record: T, @Ctx() { graph }: Context) {
      return side === "crm" ? graph.fsmCounterpart(crmModule, record.id) : graph.crmCounterpart(crmModule, record.id);
    }
  }
  Object.defineProperty(SyncedRecordFieldsResolver, "name", { value: `${options.type.name}SyncResolver` });
  return SyncedRecordFieldsResolver;
}
