import type { EntityManager } from "typeorm";
import { asAnyStore, type AnyRecord, type AnyRecordStore } from "../../common/any-record-store";
import { RecordRejectedError } from "../../common/record-rejected.error";
import { SyncFailure } from "../engine/sync-failure";
import { RecordSync } from "../engine/record-sync";
import type { SyncDeps } from "../engine/sync-deps";
import { flowFrom, SyncStatus } from "../history/sync-event.entity";
import type { NewSyncEvent } from "../history/sync-history";
import { allowsFlow } from "../decisions/sync-direction";
import { DUPLICATE_KEYS, PAIR_MODULES } from "../../modules/module-registry";
import { DuplicateMode } from "./initial-sync-job.entity";
import type { Phase } from "./initial-sync-phases";
import { bySide, idOn, idsOn, type Side } from "../../common/side";
import { matchKey } from "../../common/match-key";
import { SyncReason, rejectionSyncReason } from "../sync-reason";

export interface BatchResult {
  processed: number;
  endCursor: string | null;
  hasNextPage: boolean;
  events: NewSyncEvent[];
}

/** Duplicates looked at per key: more records with one e-mail or name than this are a data problem, not duplicates. */
const DUPLICATES_PER_KEY = 20;

/** Remembers each answer of `read` by key, for the lifetime of the returned function (a failed read is not kept). */
function remembered<A extends unknown[], R>(read: (...args: A) => Promise<R>, key: (...args: A) => string): (...args: A) => Promise<R> {
  const answers = new Map<string, Promise<R>>();
  return (...args: A) => {
    const k = key(...args);
    let answer = answers.get(k);
    if (!answer) {
      answer = read(...args);
      answers.set(k, answer);
      answer.catch(() => answers.delete(k));
    }
    return answer;
  };
}

/**
 * The sync settings, personal-data rules and CRM views a page works with, read once per page instead of once or
 * twice per record (on PostgreSQL those reads were a third of the initial sync's time). A page is one
 * transaction and already decided what it may do from the settings it read first; nothing in it writes them.
 */
function withPageCache(deps: SyncDeps): SyncDeps {
  // Every argument goes through (the page's transaction among them); the key leaves the transaction out.
  const settings = Object.create(deps.settings) as SyncDeps["settings"];
  settings.rules = remembered(
    (...args: Parameters<SyncDeps["settings"]["rules"]>) => deps.settings.rules(...args),
    (pair) => pair,
  );
  const views = Object.create(deps.views) as SyncDeps["views"];
  views.get = remembered(
    (...args: Parameters<SyncDeps["views"]["get"]>) => deps.views.get(...args),
    (id) => id,
  );
  return { ...deps, settings, views };
}

/**
 * One page of one phase of the initial sync, inside the caller's transaction. Records already linked are
 * skipped, so re-running a page after a crash creates nothing twice. Each record runs in a savepoint: a
 * refused record is reported and the page goes on.
 */
export class InitialSyncBatch {
  private readonly deps: SyncDeps;

  constructor(
    deps: SyncDeps,
    private readonly m: EntityManager,
    private readonly mode: DuplicateMode,
  ) {
    this.deps = withPageCache(deps);
  }

  /** `existingAt`: the job's start; records created since (its own counterparts among them) are not its business. */
  async run(phase: Phase, cursor: string | null, size: number, existingAt: Date): Promise<BatchResult> {
    const { settings } = await this.deps.settings.rules(phase.pair, this.m);
    const mayCreate = settings.enabled && allowsFlow(settings.direction, phase.side);
    const mayMerge = settings.enabled && phase.side === "CRM" && this.mode === DuplicateMode.OVERWRITE;
    if (!mayCreate && !mayMerge) return { processed: 0, endCursor: null, hasNextPage: false, events: [] };
    const page = await this.store(phase.side).list(
      phase.module,
      { createdBefore: existingAt },
      { first: size, after: cursor, direction: "ASC", orderBy: "createdTime" },
    );
    const linked = new Set(
      (phase.side === "CRM"
        ? await this.deps.links.syncLinksByCrmIds(
            phase.module,
            page.records.map((r) => r.id),
            this.m,
          )
        : await this.deps.links.syncLinksByFsmIds(
            phase.module,
            page.records.map((r) => r.id),
            this.m,
          )
      ).map((l) => idOn(phase.side, l)),
    );
    const duplicates = phase.side === "CRM" ? await this.duplicatesOf(phase, page.records) : new Map<string, AnyRecord[]>();
    const events: NewSyncEvent[] = [];
    for (const record of page.records.filter((r) => !linked.has(r.id))) {
      events.push(...(await this.syncRecord(phase, record, duplicates, mayCreate)));
    }
    return { processed: page.records.length, endCursor: page.endCursor, hasNextPage: page.hasNextPage, events };
  }

  private async syncRecord(phase: Phase, record: AnyRecord, duplicates: Map<string, AnyRecord[]>, mayCreate: boolean): Promise<NewSyncEvent[]> {
    try {
      return await this.m.transaction(async (savepoint) => {
        const sync = new RecordSync(this.deps, savepoint);
        if (phase.side === "CRM" && !(await sync.isInPairView(phase.pair, record))) return [this.skipped(phase, record, SyncReason.NOT_IN_VIEW)];
        const duplicate = this.takeDuplicate(phase, record, duplicates);
        let main: NewSyncEvent;
        if (duplicate && this.mode === DuplicateMode.OVERWRITE) main = await sync.mergeDuplicates(phase.pair, record, duplicate);
        else if (!mayCreate) return [this.skipped(phase, record, SyncReason.DIRECTION_EXCLUDED)];
        else
          main = {
            ...(await sync.createCounterpart(phase.pair, phase.side, record, "INITIAL")),
            reason: duplicate ? SyncReason.CLONED : SyncReason.COUNTERPART_CREATED,
          };
        return [...sync.events, main];
      });
    } catch (error) {
      if (!(error instanceof RecordRejectedError || error instanceof SyncFailure)) throw error;
      return [
        {
          ...this.skipped(phase, record, error instanceof SyncFailure ? error.reason : rejectionSyncReason(error.reason)),
          status: SyncStatus.FAILED,
          message: error.message,
        },
      ];
    }
  }

  /** Unlinked records on the FSM side with the same key (name or e-mail), found for the whole page at once. */
  private async duplicatesOf(phase: Phase, records: AnyRecord[]): Promise<Map<string, AnyRecord[]>> {
    const key = DUPLICATE_KEYS[phase.pair];
    const found = new Map<string, AnyRecord[]>();
    if (!key) return found;
    const keys = [...new Set(records.map((r) => matchKey(r[key.crmField])).filter(Boolean))];
    if (!keys.length) return found;
    const fsmModule = PAIR_MODULES[phase.pair].fsmModule;
    // A case-insensitive search per key (both stores answer it); the exact match-key comparison decides.
    const search = (text: string) =>
      this.store("FSM").list(
        fsmModule,
        { textSearch: { fields: [key.fsmField], text } },
        { first: DUPLICATES_PER_KEY, direction: "ASC", orderBy: "createdTime" },
      );
    const candidates: AnyRecord[] = [];
    // One at a time: a page's searches need no more than one connection beside the batch's transaction.
    for (const k of keys) candidates.push(...(await search(k)).records.filter((c) => matchKey(c[key.fsmField]) === k));
    const linked = new Set(
      (
        await this.deps.links.syncLinksByFsmIds(
          fsmModule,
          candidates.map((c) => c.id),
          this.m,
        )
      ).map((l) => l.fsmId),
    );
    for (const candidate of candidates.filter((c) => !linked.has(c.id))) {
      const k = matchKey(candidate[key.fsmField]);
      found.set(k, [...(found.get(k) ?? []), candidate]);
    }
    return found;
  }

  /** A duplicate pairs with one CRM record only. */
  private takeDuplicate(phase: Phase, record: AnyRecord, duplicates: Map<string, AnyRecord[]>): AnyRecord | null {
    const key = DUPLICATE_KEYS[phase.pair];
    if (!key) return null;
    const matches = duplicates.get(matchKey(record[key.crmField]));
    return matches?.shift() ?? null;
  }

  private skipped(phase: Phase, record: AnyRecord, reason: SyncReason): NewSyncEvent {
    return {
      pair: phase.pair,
      flow: flowFrom(phase.side),
      operation: "INITIAL",
      ...idsOn(phase.side, record.id),
      entryId: null,
      status: SyncStatus.SKIPPED,
      reason,
      message: null,
      skippedPersonalFields: 0,
      conflicts: null,
    };
  }

  private store(side: Side): AnyRecordStore {
    return bySide(side, { CRM: asAnyStore(this.deps.crm), FSM: asAnyStore(this.deps.fsm) });
  }
}
