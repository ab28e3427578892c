import { Arg, Authorized, Ctx, ID, Mutation, Resolver, type ClassType } from "type-graphql";
import type { Context } from "../../src/http/context";
import { definedOnly } from "./defined-only";
import type { RecordBase } from "../../src/common/record-base";
import { Permission, requireViewer } from "../../src/access/viewer";
import type { Side } from "../../src/sync/sync-pair";
import { WritePayload } from "./write-payload.type";
import { bySide } from "../../src/common/side";

interface SyncedMutationsOptions<T extends RecordBase, I extends object> {
  side: Side;
  module: string;
  type: ClassType<T>;
  input: ClassType<I>;
  /** The mutations' names, stated whole so that grep finds them: createAccount, updateAccount, deleteAccount. */
  create: string;
  update: string;
  delete: string;
}

/**
 * Create, update and delete for a module that syncs. Each write commits with its outbox entry and is synced
 * at once; the payload reports the outcome.
 */
export function SyncedRecordMutations<T extends RecordBase, I extends object>(options: SyncedMutationsOptions<T, I>) {
  const Payload = WritePayload(options.type);
  const permissions = bySide<Permission[]>(options.side, { CRM: [], FSM: [Permission.FsmAccess] });
  const { side, module } = options;

  @Authorized(permissions)
  @Resolver()
  class SyncedMutationsResolver {
    @Mutation(() => Payload, { name: options.create })
    create(@Arg("input", () => options.input) input: I, @Ctx() { services, viewer }: Context) {
      return services.writer.create(side, module, definedOnly(input), { userId: requireViewer(viewer).user.id });
    }

    @Mutation(() => Payload, { name: options.update })
    update(@Arg("id", () => ID) id: string, @Arg("input", () => options.input) input: I, @Ctx() { services, viewer }: Context) {
      return services.writer.update(side, module, id, definedOnly(input), { userId: requireViewer(viewer).user.id });
    }

    @Mutation(() => Payload, { name: options.delete })
    delete(@Arg("id", () => ID) id: string, @Ctx() { services, viewer }: Context) {
      return services.writer.delete(side, module, id, { userId: requireViewer(viewer).user.id });
    }
  }
  Object.defineProperty(SyncedMutationsResolver, "name", { value: `${options.type.name}MutationsResolver` });
  return SyncedMutationsResolver;
}
