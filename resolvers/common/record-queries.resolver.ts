import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../../src/http/context";
import type { RecordBase } from "../../src/common/record-base";
import { asAnyStore } from "../../src/common/any-record-store";
import type { CrmModule, FsmModule } from "../../src/modules/module-registry";
import { NotFoundError } from "../../src/errors/app-error";
import { Permission } from "../../src/access/viewer";
import { Connection, toConnection } from "./connection.type";
import { ListArgs } from "./list.args";
import type { RecordFilter } from "./record-filter.input";
import { byKey } from "../../src/common/side";

/** The module, named in its own system. */
type SystemModule = { system: "crm"; module: CrmModule } | { system: "fsm"; module: FsmModule };

export type RecordQueriesOptions<T extends RecordBase, F extends RecordFilter> = SystemModule & {
  type: ClassType<T>;
  filter: ClassType<F>;
  /** GraphQL query names, e.g. "account" and "accounts". */
  one: string;
  many: string;
  label: string;
};

/**
 * What every module has: one record by id, a filtered cursor-paginated list, and the record's deep link
 * in its own system (crmUrl / fsmUrl). FSM modules need FSM access; CRM modules a signed-in user.
 */
export function RecordQueries<T extends RecordBase, F extends RecordFilter>(options: RecordQueriesOptions<T, F>) {
  const RecordConnection = Connection(options.type);
  const permissions = byKey<Permission[]>(options.system, { crm: [], fsm: [Permission.FsmAccess] });
  const store = (ctx: Context) => byKey(options.system, { crm: asAnyStore(ctx.services.crm), fsm: asAnyStore(ctx.services.fsm) });
  const byId = (ctx: Context) => (options.system === "crm" ? ctx.loaders.crmById(options.module) : ctx.loaders.fsmById(options.module));

  @Authorized(permissions)
  @Resolver(() => options.type)
  class RecordQueriesResolver {
    @Query(() => options.type, { name: options.one, description: `One ${options.label} by id.` })
    async one(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<T> {
      const record = (await byId(ctx).load(id)) as T | null;
      if (!record) throw new NotFoundError(options.label, id);
      return record;
    }

    @Query(() => RecordConnection, { name: options.many, description: `${options.label} records, newest first by default.` })
    async many(@Args(() => ListArgs) args: ListArgs, @Arg("filter", () => options.filter, { nullable: true }) filter: F | null, @Ctx() ctx: Context) {
      const page = await store(ctx).list(options.module, filter?.toCriteria() ?? {}, args.toPageRequest());
      return toConnection(RecordConnection, page);
    }

    @FieldResolver(() => String, {
      name: byKey(options.system, { crm: "crmUrl", fsm: "fsmUrl" }),
      description: `Opens the record in the ${options.system.toUpperCase()} app.`,
    })
    url(@Root() record: T, @Ctx() ctx: Context): string {
      return ctx.deepLinks[options.system](options.module, record.id);
    }
  }
  Object.defineProperty(RecordQueriesResolver, "name", { value: `${options.type.name}QueriesResolver` });
  return RecordQueriesResolver;
}
