import type { EntityManager } from "typeorm";
import { insertRows } from "../../db/insert-rows";
import { LinkStatus, SyncLink } from "../../links/sync-link.entity";
import { SyncDirection, SyncSettings } from "../settings/sync-settings.entity";
import { type Side, type SyncPair } from "../sync-pair";
import { PAIR_MODULES } from "../../modules/module-registry";
import { OutboxEntry } from "./outbox-entry.entity";
import { idOn, moduleOn } from "../../common/side";

/** The sides whose changes a pair's settings let cross. */
export function flowingSides(settings: Pick<SyncSettings, "enabled" | "direction">): Side[] {
  if (!settings.enabled) return [];
  if (settings.direction === SyncDirection.TWO_WAY) return ["CRM", "FSM"];
  return [settings.direction === SyncDirection.CRM_TO_FSM ? "CRM" : "FSM"];
}

/** The sides a pair lets flow now, read inside the caller's transaction. */
export async function currentlyFlowingSides(manager: EntityManager, pair: SyncPair): Promise<Side[]> {
  const settings = await manager.findOneBy(SyncSettings, { pair });
  return flowingSides(settings ?? { enabled: true, direction: SyncDirection.TWO_WAY });
}

/**
 * A settings change that lets more cross than before (a pair switched on, its direction widened, a field
 * mapped, a personal-data restriction lifted) would otherwise leave every edit made meanwhile on its side until
 * that record is edited again, and then only the fields of that edit. So each actively linked record on those
 * sides gets a whole-record sync entry, committed with the change: compared with its link's shadow, it carries
 * what differs and writes nothing where nothing does. Returns how many were enqueued.
 */
export async function enqueueResync(manager: EntityManager, pair: SyncPair, sides: Side[]): Promise<number> {
  if (!sides.length) return 0;
  const { crmModule, fsmModule } = PAIR_MODULES[pair];
  const links = await manager.find(SyncLink, {
    select: { crmId: true, fsmId: true },
    where: { crmModule, fsmModule, status: LinkStatus.ACTIVE },
    order: { createdTime: "ASC", id: "ASC" },
  });
  const now = new Date();
  const rows = links.flatMap((link) =>
    sides.map((side) =>
      Object.assign(new OutboxEntry(), {
        side,
        module: moduleOn(side, { crmModule, fsmModule }),
        recordId: idOn(side, link),
        operation: "SYNC",
        values: null,
        origin: "SETTINGS",
        userId: null,
        state: "PENDING",
        attempts: 0,
        nextAttemptTime: now,
        lastError: null,
        createdTime: now,
        processedTime: null,
      }),
    ),
  );
  await insertRows(manager, OutboxEntry, rows);
  return rows.length;
}
