import { Ctx, FieldResolver, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../../src/http/context";
import type { RecordBase } from "../../src/common/record-base";
import { type FsmModule, FSM_ENTITIES } from "../../src/modules/module-registry";
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

const TOP_LEVEL: FsmModule[] = ["Companies", "Contacts", "Services_And_Parts", "Requests", "Estimates", "Work_Orders", "Service_Appointments", "Assets"];

/** Every FSM record type has a timeline. */
export const TIMELINE_RESOLVERS = TOP_LEVEL.map((module) => TimelineResolver(FSM_ENTITIES[module] as ClassType<RecordBase>, module));
