import { idOn, moduleOn } from "../../common/side";
import { LinkStatus, type SyncLink } from "../../links/sync-link.entity";
import { SyncStatus } from "../history/sync-event.entity";
import type { NewSyncEvent } from "../history/sync-history";
import type { DeletionDecision } from "../decisions/deletion-preference";
import { otherSide, type Side } from "../sync-pair";
import type { SyncContext } from "./sync-context";

/** Carries out a deletion's decision (deletion-preference.ts). */
export async function propagateDelete(
  ctx: SyncContext,
  base: NewSyncEvent,
  side: Side,
  link: SyncLink | null,
  decision: DeletionDecision,
): Promise<NewSyncEvent> {
  if (decision.action === "NONE" || !link) return { ...base, status: SyncStatus.SKIPPED, reason: decision.reason };
  const event = { ...base, crmId: link.crmId, fsmId: link.fsmId, reason: decision.reason };
  if (decision.action === "SUSPEND_LINK") {
    await ctx.deps.links.saveSyncLink(ctx.m, { ...link, status: LinkStatus.SUSPENDED, lastSyncTime: new Date(), lastSyncStatus: "SUSPENDED" });
    return { ...event, status: SyncStatus.SKIPPED };
  }
  if (decision.action === "DELETE_COUNTERPART") {
    const other = otherSide(side);
    await ctx.store(other).delete(moduleOn(other, link), idOn(other, link), ctx.m);
  }
  await ctx.deps.links.deleteSyncLink(ctx.m, link.id);
  return { ...event, status: decision.action === "DELETE_COUNTERPART" ? SyncStatus.SYNCED : SyncStatus.SKIPPED };
}
