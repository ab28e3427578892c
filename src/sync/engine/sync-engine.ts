import type { EntityManager } from "typeorm";
import { RecordRejectedError } from "../../common/record-rejected.error";
import type { OutboxEntry } from "../outbox/outbox-entry.entity";
import { MAX_ATTEMPTS } from "../outbox/outbox";
import { flowFrom, SyncStatus, type SyncEvent } from "../history/sync-event.entity";
import { syncedPairOf } from "../sync-pair";
import type { SyncDeps } from "./sync-deps";
import { RecordSync } from "./record-sync";
import { SyncFailure } from "./sync-failure";
import { outcome, type SyncOutcome } from "./sync-outcome";
import type { AnyRecord } from "../../common/any-record-store";
import { runWithPriority } from "../../common/request-priority";
import { StorageUnavailableError } from "../../errors/storage-unavailable.error";
import { lockForTransaction, recordLockKey } from "../../db/advisory-lock";
import { SyncReason, rejectionSyncReason } from "../sync-reason";

type Claim = (manager: EntityManager) => Promise<OutboxEntry | null>;

/** The advisory lock a sync of this record holds until it commits (see also RecordSync.ensureCounterpart). */
const lockKeyOf = (entry: Pick<OutboxEntry, "side" | "module" | "recordId">) => recordLockKey(entry.side, entry.module, entry.recordId);

/** A permanent failure names its reason; anything else is transient and retried with backoff. */
function failureReason(error: unknown): SyncReason | null {
  if (error instanceof RecordRejectedError) return rejectionSyncReason(error.reason);
  if (error instanceof SyncFailure) return error.reason;
  return null;
}

/**
 * Applies outbox entries, one per transaction: the other side's write, the link, the history event and the
 * entry's DONE mark commit together, so a crash can neither lose a change nor apply it twice.
 */
export class SyncEngine {
  constructor(
    private readonly deps: SyncDeps,
    private readonly publish: (event: SyncEvent) => void = () => undefined,
  ) {}

  /**
   * Syncs one record's pending changes, oldest first, up to `entry` (a mutation's side effect, right after
   * commit). Its vendor API requests queue behind interactive ones ("sync" priority).
   */
  syncNow(entry: OutboxEntry): Promise<SyncOutcome> {
    return runWithPriority("sync", () => this.syncRecordNow(entry)).catch((error: unknown) => {
      // The change itself committed: the caller hears it is kept, and the worker syncs it once writes work again.
      if (!(error instanceof StorageUnavailableError)) throw error;
      return outcome({
        entryId: entry.id,
        status: SyncStatus.PENDING,
        reason: SyncReason.STORAGE_UNAVAILABLE,
        message: "The database refuses writes for now; the change is kept and synced later",
        crmId: null,
        fsmId: null,
      });
    });
  }

  private async syncRecordNow(entry: OutboxEntry): Promise<SyncOutcome> {
    const blocked = await this.deps.org.syncBlockedBecause();
    if (blocked) {
      return outcome({
        entryId: entry.id,
        status: SyncStatus.PENDING,
        reason: SyncReason.DIRECT_SYNC_DISABLED,
        message: `${blocked}; the change is kept`,
        crmId: null,
        fsmId: null,
      });
    }
    let waitForHolder = false;
    let earlierSynced: SyncOutcome | null = null;
    for (let step = 0; step < 100; step += 1) {
      const done = await this.processOne((m) => this.claimOfRecord(m, entry, waitForHolder));
      if (done?.entryId === entry.id) {
        // An older whole-record entry of this record (a resync, a change feed) already carried this edit across.
        if (earlierSynced && done.status === SyncStatus.SKIPPED && done.reason === SyncReason.NO_CHANGES) {
          return outcome({
            ...done,
            status: SyncStatus.SYNCED,
            reason: SyncReason.SYNCED_WITH_EARLIER_CHANGE,
            message: `Crossed with entry ${earlierSynced.entryId}`,
            crmId: earlierSynced.crmId,
            fsmId: earlierSynced.fsmId,
          });
        }
        return done;
      }
      if (done) {
        if (done.status === SyncStatus.SYNCED) earlierSynced = done;
        waitForHolder = false;
        continue;
      }
      // Nothing claimable. On PostgreSQL another process may be syncing an older change of this record: once it
      // commits, nobody would take this entry before some worker's next poll, so wait for it, once, and try again.
      if (waitForHolder || this.deps.db.dialect !== "postgres") break;
      waitForHolder = true;
    }
    const done = await this.deps.history.eventOfEntry(entry.id);
    if (done) return outcome({ entryId: entry.id, status: done.status, reason: done.reason, message: done.message, crmId: done.crmId, fsmId: done.fsmId });
    return outcome({
      entryId: entry.id,
      status: SyncStatus.PENDING,
      reason: SyncReason.QUEUED,
      message: "Another worker is syncing this record",
      crmId: null,
      fsmId: null,
    });
  }

  /** The record's next change; `waitForHolder`: first wait until no other transaction holds the record's sync lock. */
  private async claimOfRecord(m: EntityManager, entry: OutboxEntry, waitForHolder: boolean): Promise<OutboxEntry | null> {
    if (waitForHolder) await lockForTransaction(m, this.deps.db.dialect, lockKeyOf(entry));
    return this.deps.outbox.claimForRecord(m, entry.side, entry.module, entry.recordId);
  }

  /** See RecordSync.noteEditsBeforeWrite: called inside a gateway edit's transaction, before the write. */
  noteEditsBeforeWrite(manager: EntityManager, side: "CRM" | "FSM", module: string, id: string): Promise<AnyRecord | null> {
    return new RecordSync(this.deps, manager).noteEditsBeforeWrite(side, module, id);
  }

  /** The next due entry of any record, or null when none is due. */
  processNext(): Promise<SyncOutcome | null> {
    return this.processOne((m) => this.deps.outbox.claimNext(m));
  }

  /** Applies due entries until none is left (or `maxEntries`); applies nothing while direct sync is off. */
  async drain(maxEntries = Number.POSITIVE_INFINITY): Promise<number> {
    if (!(await this.deps.org.directSyncEnabled())) return 0;
    let processed = 0;
    while (processed < maxEntries && (await this.processNext())) processed += 1;
    return processed;
  }

  private async processOne(claim: Claim): Promise<SyncOutcome | null> {
    let claimed: OutboxEntry | null = null;
    let recorded: SyncEvent[] = [];
    try {
      const result = await this.deps.db.transaction(async (m) => {
        claimed = await claim(m);
        if (!claimed) return null;
        await lockForTransaction(m, this.deps.db.dialect, lockKeyOf(claimed));
        const sync = new RecordSync(this.deps, m);
        const main = { ...(await sync.apply(claimed)), entryId: claimed.id };
        recorded = [];
        for (const event of [...sync.events, main]) recorded.push(await this.deps.history.record(m, event));
        await this.deps.outbox.markDone(m, claimed, "DONE");
        return main;
      });
      if (!result || !claimed) return null;
      this.deps.history.noteCommitted(recorded);
      recorded.forEach((event) => this.publish(event));
      return outcome({
        entryId: (claimed as OutboxEntry).id,
        status: result.status,
        reason: result.reason,
        message: result.message,
        crmId: result.crmId,
        fsmId: result.fsmId,
      });
    } catch (error) {
      // Nothing of a storage fault's transaction stayed, the claim included: the entry is still pending, its
      // attempts untouched (the other system was not at fault), and recording a failure would need a write anyway.
      if (!claimed || error instanceof StorageUnavailableError) throw error;
      return this.fail(claimed, error);
    }
  }

  private async fail(entry: OutboxEntry, error: unknown): Promise<SyncOutcome> {
    const known = failureReason(error);
    const reason = known ?? (entry.attempts + 1 >= MAX_ATTEMPTS ? SyncReason.TRANSIENT_ERROR : null);
    const detail = error instanceof Error ? error.message : String(error);
    // Driver and network messages can quote values; history and timelines get only our own wording.
    const message = known ? detail : "The other system or the database failed while syncing; retried with backoff";
    if (!reason) {
      await this.deps.outbox.scheduleRetry(entry, detail);
      return outcome({
        entryId: entry.id,
        status: SyncStatus.PENDING,
        reason: SyncReason.RETRY_SCHEDULED,
        message: "Temporary failure; the sync will be retried",
        crmId: null,
        fsmId: null,
      });
    }
    const event = await this.deps.db.transaction(async (m) => {
      const link = await this.deps.links.lockSyncLink(m, entry.side, entry.module, entry.recordId);
      const crmId = entry.side === "CRM" ? entry.recordId : (link?.crmId ?? null);
      const fsmId = entry.side === "FSM" ? entry.recordId : (link?.fsmId ?? null);
      const recorded = await this.deps.history.record(m, {
        pair: syncedPairOf(entry.side, entry.module),
        flow: flowFrom(entry.side),
        operation: entry.operation,
        crmId,
        fsmId,
        entryId: entry.id,
        status: SyncStatus.FAILED,
        reason,
        message,
        skippedPersonalFields: 0,
        conflicts: null,
      });
      if (link)
        await this.deps.links.saveSyncLink(m, {
          ...link,
          lastSyncTime: new Date(),
          lastSyncStatus: "FAILED",
          lastSyncError: `${reason}: ${message}`.slice(0, 500),
        });
      if (fsmId)
        await this.deps.timeline.add(
          m,
          link?.fsmModule ?? entry.module,
          fsmId,
          "SYNC_FAILED",
          `Sync ${entry.side === "CRM" ? "from" : "to"} CRM failed (${reason}): ${message}`,
        );
      await this.deps.outbox.markDone(m, entry, "FAILED", detail);
      return recorded;
    });
    this.publish(event);
    return outcome({ entryId: entry.id, status: SyncStatus.FAILED, reason, message, crmId: event.crmId, fsmId: event.fsmId });
  }
}
