import { Arg, Authorized, FieldResolver, ID, Resolver, Root, Subscription, type SubscriptionHandlerData } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { Permission } from "../../src/access/viewer";
import { SyncEvent } from "../../src/sync/history/sync-event.entity";
import { SyncPair } from "../../src/sync/sync-pair";
import { SYNC_EVENTS } from "../../src/sync/sync-events";
import { BadUserInputError } from "../../src/errors/app-error";

interface SyncEventsArgs {
  recordId?: string | null;
  pair?: SyncPair | null;
}

function isRequestedEvent({ payload, args }: SubscriptionHandlerData<SyncEvent, SyncEventsArgs>): boolean {
  if (args.recordId && payload.crmId !== args.recordId && payload.fsmId !== args.recordId) return false;
  return !args.pair || payload.pair === args.pair;
}

@Authorized(Permission.FsmAccess)
@Resolver()
export class SyncEventsResolver {
  @Subscription(() => SyncEvent, {
    topics: SYNC_EVENTS,
    filter: isRequestedEvent,
    description: "Sync events as they happen (this gateway process's), so a record's sync state can be shown live.",
  })
  syncEvents(
    @Root() event: SyncEvent,
    @Arg("recordId", () => ID, { nullable: true, description: "Only this record's syncs: a CRM or an FSM record id." }) _recordId: string | null,
    @Arg("pair", () => SyncPair, { nullable: true, description: "Only syncs of this module pair." }) _pair: SyncPair | null,
  ): SyncEvent {
    // Over HTTP the operation runs once with no event behind it.
    if (!event) throw new BadUserInputError("syncEvents", "Subscriptions run over WebSocket: connect to /graphql with graphql-ws");
    return event;
  }
}

/** Fields of a SyncEvent that differ from its stored columns. */
@Resolver(() => SyncEvent)
export class SyncEventFieldsResolver {
  // Stored as null when a sync met no conflict; the field is a non-null list, so null would fail the whole event.
  @FieldResolver(() => [GraphQLJSONObject], { description: "Fields edited on both sides since the last sync: {field, winner}." })
  conflicts(@Root() event: SyncEvent): { field: string; winner: string }[] {
    return event.conflicts ?? [];
  }
}
