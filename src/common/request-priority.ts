import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who is waiting on a piece of work, and so on the vendor requests it makes. Interactive (a GraphQL caller) goes
 * before sync work, sync before initial-sync paging. The sync layer says which work is which; a remote
 * connector's transport reads it when the org's request budget is saturated.
 */
export type RequestPriority = "interactive" | "sync" | "bulk";

/** Served first to last when the org's request budget is saturated. */
export const PRIORITY_ORDER: readonly RequestPriority[] = ["interactive", "sync", "bulk"];

const current = new AsyncLocalStorage<RequestPriority>();

/**
 * Runs `work` with every vendor request it makes (however deep, across awaits) at `priority`: the sync
 * worker and a mutation's post-commit sync run in "sync", the initial sync's paging in "bulk".
 */
export function runWithPriority<T>(priority: RequestPriority, work: () => T): T {
  return current.run(priority, work);
}

/** The priority of the surrounding work; a GraphQL caller's request is "interactive". */
export function currentPriority(): RequestPriority {
  return current.getStore() ?? "interactive";
}
