import { createPubSub } from "@graphql-yoga/subscription";
import type { SyncEvent } from "./history/sync-event.entity";

export const SYNC_EVENTS = "SYNC_EVENTS";

/** In-process fan-out of sync events to GraphQL subscriptions (each gateway process reports what it syncs). */
export function createSyncEventsPubSub() {
  return createPubSub<{ [SYNC_EVENTS]: [SyncEvent] }>();
}

export type SyncEventsPubSub = ReturnType<typeof createSyncEventsPubSub>;
