import { Ctx, FieldResolver, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../../src/http/context";
import type { RecordBase } from "../../src/common/record-base";
import { type FsmModule, FSM_ENTITIES, topLevelModules } from "../../src/modules/module-registry";
import { SystemName } from "../../src/fields/field-definition.entity";
import { TimelineEntry } from "../../src/timeline/timeline-entry.entity";

function TimelineResolver<T extends RecordBase>(type: ClassType<T>, module: FsmModule) {
  @Resolver(() => type)
  class TimelineFieldResolver {
    @FieldResolver(() => [TimelineEntry], { description: "What happened to this record, newest first." })
    timeline(@Root() record: T, @Ctx() { loaders }: Context) {
      return loaders.timeline(module).load(record.id);
    }
  }
  Object.defineProperty(TimelineFieldResolver, "name", { value: `${type.name}TimelineResolver` });
  return TimelineFieldResolver;
}

/** Every FSM record type but line items has a timeline. */
export const TIMELINE_RESOLVERS = (topLevelModules(SystemName.FSM) as FsmModule[]).map((module) =>
  TimelineResolver(FSM_ENTITIES[module] as ClassType<RecordBase>, module),
);
