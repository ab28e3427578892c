import { randomUUID } from "node:crypto";
import { In, MoreThanOrEqual, type EntityManager } from "typeorm";
import type { Config } from "../config/config";
import type { Database } from "../db/database";
import type { LinkStore } from "../links/link-store";
import type { Notifier } from "../notifications/notifier";
import type { SyncSettingsService } from "./settings/sync-settings-service";
import type { SyncWorker } from "./sync-worker";
import { chunk } from "../common/chunk";
import { lockMassDeleteWindow } from "../db/advisory-lock";
import { ConflictError, NotFoundError } from "../errors/app-error";
import type { SystemName } from "../fields/field-definition.entity";
import { LinkStatus, SyncLink } from "../links/sync-link.entity";
import { SyncEvent } from "./history/sync-event.entity";
import { HeldDeletion, HeldDeletionState } from "./outbox/held-deletion.entity";
import { OutboxEntry } from "./outbox/outbox-entry.entity";
import { recordSettingsChange } from "./settings/settings-audit";
import { deletesCounterparts } from "./decisions/deletion-preference";
import { pairOf, type Side } from "./sync-pair";
import { bySide, idOn } from "../common/side";
import { SyncReason } from "./sync-reason";

export interface MassDeleteGuardDeps {
  config: Pick<Config, "massDeleteWindowMs" | "massDeleteMinCount" | "massDeletePercent">;
  db: Database;
  links: LinkStore;
  syncSettings: SyncSettingsService;
  worker: Pick<SyncWorker, "notify">;
  notifier: Notifier;
}

/** What the guard found about one announcement's deletions; `assess` returns it only when they must be held. */
export interface MassDeleteVerdict {
  side: Side;
  module: string;
  /** Announced, linked deletions of the module within the window, this announcement's included. */
  windowCount: number;
  /** The module's linked records before the window's deletions. */
  linkedCount: number;
}

/** The reason a deletion counts as applied: it deleted the counterpart (decisions/deletion-preference.ts). */
const COUNTERPART_DELETED = SyncReason.COUNTERPART_DELETED;
const LIST_LIMIT = 200;

/**
 * The mass-delete guard. A change-feed delete announcement whose deletions, alone or added to the module's
 * deletions announced within the sliding window, would delete more than MASS_DELETE_PERCENT of the module's
 * linked records (and at least MASS_DELETE_MIN_COUNT of them) is not applied: its outbox entries are written
 * HELD, with a HeldDeletion batch, until an admin confirms (entries back to PENDING) or discards (DROPPED).
 *
 * Only deletions that would delete something are counted and held: the pair syncs from the announcing side and
 * its deletion preference for that side is DELETE, and the record has an active link (a suspended link's
 * deletion only removes the link). A confirmation restarts the module's window: what an admin let through
 * does not count again.
 */
export class MassDeleteGuard {
  constructor(private readonly deps: MassDeleteGuardDeps) {}

  /**
   * Inside the announcement's transaction, before its entries are written: the verdict when its deletions
   * must be held, else null. Announcements of one module are assessed one at a time (SQLite transactions run
   * one at a time; PostgreSQL takes a transaction-scoped advisory lock), so two cannot slip under together.
   */
  async assess(m: EntityManager, side: Side, module: string, ids: readonly string[]): Promise<MassDeleteVerdict | null> {
    const pair = pairOf(side, module);
    if (!pair) return null;
    const settings = await this.deps.syncSettings.get(pair, m);
    if (!deletesCounterparts(settings, side)) return null;
    await lockMassDeleteWindow(m, this.deps.db.dialect, side, module);
    const announced = await this.activelyLinked(m, side, module, ids);
    if (announced.length === 0) return null;

    const { config } = this.deps;
    const since = await this.windowStart(m, side, module, new Date(Date.now() - config.massDeleteWindowMs));
    const recent = await m.find(OutboxEntry, {
      select: { id: true, recordId: true, state: true },
      where: { side, module, operation: "DELETE", origin: "HOOK", state: In(["PENDING", "DONE"]), createdTime: MoreThanOrEqual(since) },
    });
    const applied = await this.appliedDeletions(
      m,
      side,
      recent.filter((e) => e.state === "DONE"),
    );
    const pending = await this.activelyLinked(
      m,
      side,
      module,
      recent.filter((e) => e.state === "PENDING").map((e) => e.recordId),
    );
    const windowCount = new Set([...applied, ...pending, ...announced]).size;
    const linkedCount = (await this.linkedRecords(m, side, module)) + applied.size;
    const hold = windowCount >= config.massDeleteMinCount && windowCount * 100 > linkedCount * config.massDeletePercent;
    return hold ? { side, module, windowCount, linkedCount } : null;
  }

  /** Still inside the transaction: marks the announcement's entries HELD and records the batch. */
  async hold(m: EntityManager, verdict: MassDeleteVerdict, entries: OutboxEntry[]): Promise<HeldDeletion> {
    const entryIds = entries.map((e) => e.id);
    await m.update(OutboxEntry, { id: In(entryIds) }, { state: "HELD" });
    for (const entry of entries) entry.state = "HELD";
    const batch = Object.assign(new HeldDeletion(), {
      id: randomUUID(),
      side: verdict.side as SystemName,
      module: verdict.module,
      count: entries.length,
      windowCount: verdict.windowCount,
      linkedCount: verdict.linkedCount,
      recordIds: entries.map((e) => e.recordId),
      entryIds,
      state: HeldDeletionState.HELD,
      createdTime: new Date(),
      decidedBy: null,
      decidedTime: null,
    });
    await m.save(batch);
    return batch;
  }

  /** After the commit: tells the admins a batch waits for them. Never throws. */
  async announceHeld(batch: HeldDeletion): Promise<void> {
    const { side, module, count, windowCount, linkedCount, id } = batch;
    await this.deps.notifier
      .notifyAdmins(
        `Deletions held for confirmation: ${count} ${side} ${module}`,
        `The ${side} announced the deletion of ${count} ${module}. With the module's other recent deletions that would ` +
          `delete ${windowCount} of its ${linkedCount} linked records on the other side, more than the allowed ` +
          `${this.deps.config.massDeletePercent}%, so none of them has been applied.\n` +
          `Review the held deletions (batch ${id}) and confirm them (confirmHeldDeletions) or discard them (discardHeldDeletions).`,
      )
      .catch(() => undefined);
  }

  /** Batches, newest first; all states when `state` is null. */
  list(state: HeldDeletionState | null, first = 50): Promise<HeldDeletion[]> {
    return this.deps.db.manager.find(HeldDeletion, {
      where: state ? { state } : {},
      order: { createdTime: "DESC", id: "ASC" },
      take: Math.min(Math.max(first, 1), LIST_LIMIT),
    });
  }

  /** Lets a held batch through: its entries become PENDING and the worker applies them. */
  async confirm(id: string, userId: string): Promise<HeldDeletion> {
    const batch = await this.decide(id, HeldDeletionState.CONFIRMED, userId, (m, entryIds) =>
      m.update(OutboxEntry, { id: In(entryIds), state: "HELD" }, { state: "PENDING", nextAttemptTime: new Date() }),
    );
    this.deps.worker.notify();
    return batch;
  }

  /** Throws a held batch away: its entries become DROPPED, a final state; the deletions are never applied. */
  discard(id: string, userId: string): Promise<HeldDeletion> {
    return this.decide(id, HeldDeletionState.DISCARDED, userId, (m, entryIds) =>
      m.update(OutboxEntry, { id: In(entryIds), state: "HELD" }, { state: "DROPPED", processedTime: new Date() }),
    );
  }

  private decide(
    id: string,
    state: HeldDeletionState,
    userId: string,
    release: (m: EntityManager, entryIds: number[]) => Promise<unknown>,
  ): Promise<HeldDeletion> {
    return this.deps.db.transaction(async (m) => {
      const query = m.createQueryBuilder(HeldDeletion, "h").where("h.id = :id", { id });
      if (this.deps.db.dialect === "postgres") query.setLock("pessimistic_write");
      const batch = await query.getOne();
      if (!batch) throw new NotFoundError("HeldDeletion", id);
      if (batch.state !== HeldDeletionState.HELD) {
        throw new ConflictError(`These deletions were already ${batch.state.toLowerCase()} (${batch.decidedTime?.toISOString() ?? "earlier"})`, "id", {
          state: batch.state,
        });
      }
      for (const ids of chunk(batch.entryIds, 500)) await release(m, ids);
      const before = { id: batch.id, side: batch.side, module: batch.module, count: batch.count, state: batch.state };
      Object.assign(batch, { state, decidedBy: userId, decidedTime: new Date() });
      await m.save(batch);
      await recordSettingsChange(m, `heldDeletions:${batch.side}:${batch.module}`, before, { ...before, state }, userId);
      return batch;
    });
  }

  /** The window opens at `since`, or at the module's latest confirmation if that came later. */
  private async windowStart(m: EntityManager, side: Side, module: string, since: Date): Promise<Date> {
    const confirmed = await m.findOne(HeldDeletion, {
      select: { id: true, decidedTime: true },
      where: { side: side as SystemName, module, state: HeldDeletionState.CONFIRMED, decidedTime: MoreThanOrEqual(since) },
      order: { decidedTime: "DESC" },
    });
    return confirmed?.decidedTime ?? since;
  }

  /** Record ids of processed deletions that deleted their counterpart (found through the indexed record id). */
  private async appliedDeletions(m: EntityManager, side: Side, entries: OutboxEntry[]): Promise<Set<string>> {
    const applied = new Set<string>();
    for (const part of chunk(entries, 400)) {
      const recordIds = [...new Set(part.map((e) => e.recordId))];
      const where = bySide(side, { CRM: { crmId: In(recordIds) }, FSM: { fsmId: In(recordIds) } });
      const events = await m.find(SyncEvent, {
        select: { id: true, entryId: true, crmId: true, fsmId: true },
        where: { ...where, entryId: In(part.map((e) => e.id)), reason: COUNTERPART_DELETED },
      });
      for (const event of events) {
        const id = idOn(side, event);
        if (id) applied.add(id);
      }
    }
    return applied;
  }

  /** Those of the ids whose records have an active link. */
  private async activelyLinked(m: EntityManager, side: Side, module: string, ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const links = side === "CRM" ? await this.deps.links.syncLinksByCrmIds(module, ids, m) : await this.deps.links.syncLinksByFsmIds(module, ids, m);
    return links.filter((l) => l.status === LinkStatus.ACTIVE).map((l) => idOn(side, l));
  }

  private linkedRecords(m: EntityManager, side: Side, module: string): Promise<number> {
    return m.count(SyncLink, {
      where: bySide(side, { CRM: { crmModule: module, status: LinkStatus.ACTIVE }, FSM: { fsmModule: module, status: LinkStatus.ACTIVE } }),
    });
  }
}
