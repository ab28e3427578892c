import { createPubSub } from "@graphql-yoga/subscription";
import type { SyncEvent } from "./history/sync-event.entity";
import { SyncEventTarget } from "./sync-event-target";

export const SYNC_EVENTS = "SYNC_EVENTS";

/**
 * In-process fan-out of sync events to GraphQL subscriptions (each gateway process reports what it syncs).
 * `onListenerErrors` hears of subscribers that failed to take an event (at most once per event).
 */
export function createSyncEventsPubSub(onListenerErrors?: (failures: number, first: unknown) => void) {
  return createPubSub<{ [SYNC_EVENTS]: [SyncEvent] }>({ eventTarget: new SyncEventTarget(onListenerErrors) });
}

export type SyncEventsPubSub = ReturnType<typeof createSyncEventsPubSub>;
