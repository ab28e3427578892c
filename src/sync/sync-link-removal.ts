import type { Database } from "../db/database";
import type { LinkStore } from "../links/link-store";
import type { SyncLink } from "../links/sync-link.entity";
import type { Timeline } from "../timeline/timeline";
import type { Actor } from "../common/record-store";
import { BadUserInputError, NotFoundError } from "../errors/app-error";
import { SyncStatus, flowFrom } from "./history/sync-event.entity";
import { UNLINK_OPERATION, type SyncHistory } from "./history/sync-history";
import { pairOf, type Side } from "./sync-pair";
import { SyncReason } from "./sync-reason";

export interface SyncLinkRemovalDeps {
  db: Database;
  links: LinkStore;
  history: SyncHistory;
  timeline: Timeline;
}

/**
 * Removes the sync link of a record, keeping both records (a Contact whose company must change). The history
 * records who removed it; instant sync then leaves the two apart, and only the initial sync's matching pairs them again.
 */
export class SyncLinkRemoval {
  constructor(private readonly deps: SyncLinkRemovalDeps) {}

  async remove(side: Side, module: string, id: string, actor: Actor): Promise<SyncLink> {
    const { db, links, history, timeline } = this.deps;
    const pair = pairOf(side, module);
    if (!pair) throw new BadUserInputError("module", `module: ${side} ${module} does not sync`);
    const event = await db.transaction(async (m) => {
      const link = await links.lockSyncLink(m, side, module, id);
      if (!link) throw new NotFoundError(`Sync link of ${side} ${module}`, id);
      await links.deleteSyncLink(m, link.id);
      const recorded = await history.record(m, {
        pair,
        flow: flowFrom(side),
        operation: UNLINK_OPERATION,
        crmId: link.crmId,
        fsmId: link.fsmId,
        entryId: null,
        status: SyncStatus.SKIPPED,
        reason: SyncReason.LINK_REMOVED,
        message: `Sync link removed by user ${actor.userId}; both records kept`,
        skippedPersonalFields: 0,
        conflicts: null,
      });
      await timeline.add(
        m,
        link.fsmModule,
        link.fsmId,
        "SYNC_LINK_REMOVED",
        `Sync link with CRM ${link.crmModule} (${link.crmId}) removed by user ${actor.userId}`,
      );
      return { link, recorded };
    });
    history.noteCommitted([event.recorded]);
    return event.link;
  }
}
