import type DataLoader from "dataloader";
import { CRM_ENTITIES, type CrmModule, type CrmRecords, FSM_ENTITIES, type FsmModule, type FsmRecords } from "../modules/module-registry";
import type { SyncLink } from "../links/sync-link.entity";
import type { ParentLink } from "../links/parent-link.entity";
import type { Config } from "../config/config";
import type { CrmStore } from "../crm/crm-store";
import type { FsmStore } from "../fsm/fsm-store";
import type { LinkStore } from "../links/link-store";
import type { Timeline } from "../timeline/timeline";
import type { SyncEvent } from "../sync/history/sync-event.entity";
import type { SyncHistory } from "../sync/history/sync-history";
import type { TimelineEntry } from "../timeline/timeline-entry.entity";
import type { AccessService } from "../access/access-service";
import type { User } from "../access/user.entity";
import { createByKeyLoader, createGroupLoader, type LoaderOptions } from "./by-key.loader";
import { newerFirst } from "./record-order";
import { projectionFor, type SelectedFields } from "./field-selection";
import { Deadline } from "../http/limits/deadline";
import { idOn, type Side } from "../common/side";

/** Where the loaders read from. */
export interface LoaderSources {
  config: Pick<Config, "dataLoaderBatching">;
  crm: CrmStore;
  fsm: FsmStore;
  links: LinkStore;
  history: SyncHistory;
  timeline: Timeline;
  access: Pick<AccessService, "usersByIds">;
}

/**
 * The per-request loaders. Built lazily, one per (kind, module, field), so a request pays only for what it reads;
 * never shared across requests (they cache).
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  private options: LoaderOptions;
  private selection: SelectedFields | null = null;

  constructor(
    private readonly sources: LoaderSources,
    private readonly deadline: Deadline = Deadline.NONE,
  ) {
    this.options = { batch: sources.config.dataLoaderBatching, budgetSpent: () => this.budgetSpent() };
  }

  /**
   * Checked before every batch's SQL. A query past its budget gets empty batches (its answer is replaced by
   * EXECUTION_TIMEOUT). A mutation never expires (Deadline.waive): its writes may have committed already.
   */
  private budgetSpent(): boolean {
    return this.deadline.expired;
  }

  /**
   * A query's selection, before any loader is built: records are then read with only the columns it needs. Only
   * for queries, whose records go nowhere but into the response (a mutation's may feed business rules).
   */
  readOnlyFor(selection: SelectedFields): void {
    this.selection = selection;
    // Only a query's batches yield to other requests: a mutation's reads may run inside its transaction.
    this.options = { ...this.options, yieldBetweenBatches: this.deadline !== Deadline.NONE };
  }

  crmById<M extends CrmModule>(module: M): DataLoader<string, CrmRecords[M] | null> {
    return this.memo(`crm:id:${module}`, () => {
      const columns = this.columnsOf(CRM_ENTITIES[module]);
      return createByKeyLoader(
        (ids) => this.sources.crm.getMany(module, ids, undefined, { columns }),
        (r) => r.id,
        this.options,
      );
    });
  }

  crmByField<M extends CrmModule>(module: M, field: keyof CrmRecords[M] & string): DataLoader<string, CrmRecords[M][]> {
    return this.memo(`crm:${field}:${module}`, () => {
      const columns = this.columnsOf(CRM_ENTITIES[module]);
      return createGroupLoader(
        (keys) => this.sources.crm.findByReference(module, field, keys, undefined, { columns }),
        (r) => r[field] as string | null,
        this.options,
        newerFirst,
      );
    });
  }

  fsmById<M extends FsmModule>(module: M): DataLoader<string, FsmRecords[M] | null> {
    return this.memo(`fsm:id:${module}`, () => {
      const columns = this.columnsOf(FSM_ENTITIES[module]);
      return createByKeyLoader(
        (ids) => this.sources.fsm.getMany(module, ids, undefined, { columns }),
        (r) => r.id,
        this.options,
      );
    });
  }

  fsmByField<M extends FsmModule>(module: M, field: keyof FsmRecords[M] & string): DataLoader<string, FsmRecords[M][]> {
    return this.memo(`fsm:${field}:${module}`, () => {
      const columns = this.columnsOf(FSM_ENTITIES[module]);
      return createGroupLoader(
        (keys) => this.sources.fsm.findByReference(module, field, keys, undefined, { columns }),
        (r) => r[field] as string | null,
        this.options,
        newerFirst,
      );
    });
  }

  private columnsOf(entity: Function) {
    return this.selection ? projectionFor(entity, this.selection) : undefined;
  }

  syncLinkByCrmId(crmModule: CrmModule): DataLoader<string, SyncLink | null> {
    return this.memo(`link:crm:${crmModule}`, () =>
      createByKeyLoader(
        (ids) => this.sources.links.syncLinksByCrmIds(crmModule, ids),
        (l) => l.crmId,
        this.options,
      ),
    );
  }

  syncLinkByFsmId(fsmModule: FsmModule): DataLoader<string, SyncLink | null> {
    return this.memo(`link:fsm:${fsmModule}`, () =>
      createByKeyLoader(
        (ids) => this.sources.links.syncLinksByFsmIds(fsmModule, ids),
        (l) => l.fsmId,
        this.options,
      ),
    );
  }

  parentLinkByFsmId(fsmModule: FsmModule): DataLoader<string, ParentLink | null> {
    return this.memo(`parent:fsm:${fsmModule}`, () =>
      createByKeyLoader(
        (ids) => this.sources.links.parentLinksByFsmIds(fsmModule, ids),
        (l) => l.fsmId,
        this.options,
      ),
    );
  }

  parentLinksByParentId(parentModule: CrmModule): DataLoader<string, ParentLink[]> {
    return this.memo(`parent:crm:${parentModule}`, () =>
      createGroupLoader(
        (ids) => this.sources.links.parentLinksByParentIds(parentModule, ids),
        (l) => l.parentId,
        this.options,
      ),
    );
  }

  latestSyncEvent(side: Side): DataLoader<string, SyncEvent | null> {
    return this.memo(`sync-event:${side}`, () =>
      createByKeyLoader(
        (ids) => this.sources.history.latestFor(side, ids),
        (e) => idOn(side, e) ?? "",
        this.options,
      ),
    );
  }

  /** A run's event counts by flow and status: one query for every run of a list. */
  syncRunCounts(): DataLoader<string, Awaited<ReturnType<SyncHistory["counts"]>>> {
    return this.memo("sync-run:counts", () =>
      createGroupLoader(
        (runIds) => this.sources.history.counts(runIds),
        (c) => c.runId,
        this.options,
      ),
    );
  }

  timeline(fsmModule: FsmModule): DataLoader<string, TimelineEntry[]> {
    return this.memo(`timeline:${fsmModule}`, () =>
      createGroupLoader(
        (ids) => this.sources.timeline.entriesFor(fsmModule, ids),
        (e) => e.fsmId,
        this.options,
      ),
    );
  }

  /** A record's author or last editor: one query for every createdBy/modifiedBy id of a response. */
  userById(): DataLoader<string, User | null> {
    return this.memo("user:id", () =>
      createByKeyLoader(
        (ids) => this.sources.access.usersByIds(ids),
        (u) => u.id,
        this.options,
      ),
    );
  }

  /** One loader per key: a key names the kind and the module (and field), so its loader is always the one `create` makes. */
  private memo<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    const known = this.loaders.get(key);
    if (known) return known as DataLoader<K, V>;
    const loader = create();
    this.loaders.set(key, loader);
    return loader;
  }
}
