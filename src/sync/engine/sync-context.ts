import type { EntityManager } from "typeorm";
import { asAnyStore, type AnyRecord, type AnyRecordStore } from "../../common/any-record-store";
import type { RecordBase } from "../../common/record-base";
import { bySide, moduleOn } from "../../common/side";
import { flowFrom, SyncStatus } from "../history/sync-event.entity";
import type { NewSyncEvent } from "../history/sync-history";
import type { ResolvedMapping } from "../mapping/field-mapping-service";
import type { PairRules } from "../settings/sync-settings-service";
import type { Side, SyncPair } from "../sync-pair";
import { PAIR_MODULES } from "../../modules/module-registry";
import type { SyncDeps } from "./sync-deps";

/** Who the sync's own writes are made by. */
export const SYNC_ACTOR = { userId: "sync" };

export interface Flowing {
  mappings: ResolvedMapping[];
  skippedPersonalFields: number;
}

/**
 * What the steps of one record's sync share inside its transaction: the stores and the rules as this transaction
 * read them, and the events of the records synced on the way. Reads only; the steps decide and write.
 */
export class SyncContext {
  readonly events: NewSyncEvent[] = [];
  /** Each pair's rules as this transaction read them first: one read per pair, however many decisions use them. */
  private readonly pairRules = new Map<SyncPair, Promise<PairRules>>();

  constructor(
    readonly deps: SyncDeps,
    readonly m: EntityManager,
  ) {}

  rules(pair: SyncPair): Promise<PairRules> {
    let rules = this.pairRules.get(pair);
    if (!rules) this.pairRules.set(pair, (rules = this.deps.settings.rules(pair, this.m)));
    return rules;
  }

  /** The pair's mappings whose source field may leave its system, and how many personal ones may not. */
  async flowing(pair: SyncPair, side: Side): Promise<Flowing> {
    const restricted = (await this.rules(pair)).restricted[side];
    const all = await this.deps.mappings.resolved(pair);
    const mappings = all.filter((rm) => !restricted[this.def(rm, side).personalData]);
    return { mappings, skippedPersonalFields: all.length - mappings.length };
  }

  /** Only CRM records in the pair's view (if it has one) sync from the CRM. */
  async inView(viewId: string | null, record: RecordBase): Promise<boolean> {
    return !viewId || this.deps.views.matches(await this.deps.views.get(viewId, this.m), record);
  }

  event(pair: SyncPair, side: Side, operation: string, crmId: string | null, fsmId: string | null): NewSyncEvent {
    return {
      pair,
      flow: flowFrom(side),
      operation,
      crmId,
      fsmId,
      entryId: null,
      status: SyncStatus.SYNCED,
      reason: null,
      message: null,
      skippedPersonalFields: 0,
      conflicts: null,
    };
  }

  def(rm: ResolvedMapping, side: Side) {
    return bySide(side, { CRM: rm.crm, FSM: rm.fsm });
  }

  module(pair: SyncPair, side: Side): string {
    return moduleOn(side, PAIR_MODULES[pair]);
  }

  store(side: Side): AnyRecordStore {
    return bySide(side, { CRM: asAnyStore(this.deps.crm), FSM: asAnyStore(this.deps.fsm) });
  }

  async read(side: Side, module: string, id: string, options: { forUpdate?: boolean } = {}): Promise<AnyRecord | null> {
    return (await this.store(side).getMany(module, [id], this.m, options))[0] ?? null;
  }
}
