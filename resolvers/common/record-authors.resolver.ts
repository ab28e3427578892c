import { Authorized, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../../src/http/context";
import type { RecordBase } from "../../src/common/record-base";
import type { User } from "../../src/access/user.entity";
import { Permission } from "../../src/access/viewer";
import { CRM_ENTITIES, FSM_ENTITIES } from "../../src/modules/module-registry";

/**
 * Who wrote a record, as any user who may read the record may know: id and name only. A user's e-mail and profile
 * are for admins (`users`) and for the user themselves (`me`).
 */
@ObjectType({ description: "A gateway user as a record's author: id and name only." })
export class UserSummary {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

function summaryOf(user: User | null): UserSummary | null {
  return user && Object.assign(new UserSummary(), { id: user.id, name: user.name });
}

function userOf(id: string | null, { loaders }: Context): Promise<UserSummary | null> | null {
  return id ? loaders.userById().load(id).then(summaryOf) : null;
}

/**
 * createdByUser / modifiedByUser of one record type. Null when the id names no gateway user: the sync's own
 * actor, or a vendor user the gateway does not know (a record created in the CRM or FSM itself).
 */
function RecordAuthorsResolver<T extends RecordBase>(type: ClassType<T>, permissions: Permission[]) {
  @Authorized(permissions)
  @Resolver(() => type)
  class RecordAuthorsFieldsResolver {
    @FieldResolver(() => UserSummary, { nullable: true, description: "The user `createdBy` names; null if it names no gateway user." })
    createdByUser(@Root() record: T, @Ctx() ctx: Context) {
      return userOf(record.createdBy, ctx);
    }

    @FieldResolver(() => UserSummary, { nullable: true, description: "The user `modifiedBy` names; null if it names no gateway user." })
    modifiedByUser(@Root() record: T, @Ctx() ctx: Context) {
      return userOf(record.modifiedBy, ctx);
    }
  }
  Object.defineProperty(RecordAuthorsFieldsResolver, "name", { value: `${type.name}AuthorsResolver` });
  return RecordAuthorsFieldsResolver;
}

/** One per record type of either system, with the permission its queries need. */
export const RECORD_AUTHORS_RESOLVERS: Function[] = [
  ...Object.values<ClassType<RecordBase>>(CRM_ENTITIES).map((type) => RecordAuthorsResolver(type, [])),
  ...Object.values<ClassType<RecordBase>>(FSM_ENTITIES).map((type) => RecordAuthorsResolver(type, [Permission.FsmAccess])),
];
