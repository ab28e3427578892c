import type { Database } from "../db/database";
import type { Actor } from "../common/record-store";
import type { AnyRecordStore } from "../common/any-record-store";
import type { RecordBase } from "../common/record-base";
import type { FieldCatalogue } from "../fields/field-catalogue";
import type { RecordInputCheck } from "../fields/record-input-check";
import { ConflictError, NotFoundError } from "../errors/app-error";
import type { OrgSettingsService } from "../org/org-settings-service";
import type { Outbox } from "./outbox/outbox";
import type { OutboxEntry, ChangeOperation } from "./outbox/outbox-entry.entity";
import type { SyncEngine } from "./engine/sync-engine";
import type { SyncOutcome } from "./engine/sync-outcome";
import { snapshotValues } from "./engine/snapshot";
import type { Side } from "./sync-pair";
import { systemNameOf } from "../common/side";
import { SyncReason } from "./sync-reason";

export interface WriteResult<T> {
  record: T | null;
  sync: SyncOutcome;
}

/**
 * Writes to a synced module made through the gateway: the record and its outbox entry commit in one
 * transaction, then the change is synced at once and the outcome reported. If the sync cannot run now, the
 * entry stays pending and the worker takes it.
 */
export class SyncedRecordWriter {
  constructor(
    private readonly db: Database,
    private readonly stores: Record<Side, AnyRecordStore>,
    private readonly catalogue: FieldCatalogue,
    private readonly inputs: RecordInputCheck,
    private readonly outbox: Outbox,
    private readonly engine: SyncEngine,
    private readonly org: OrgSettingsService,
  ) {}

  async create(side: Side, module: string, input: object, actor: Actor): Promise<WriteResult<RecordBase>> {
    await this.inputs.check(systemNameOf(side), module, input);
    const fields = await this.fields(side, module);
    const { record, entry } = await this.db.transaction(async (m) => {
      const created = await this.stores[side].create(module, input, actor, m);
      return { record: created, entry: await this.enqueue(m, side, module, created.id, "CREATE", snapshotValues(fields, created), actor) };
    });
    return { record, sync: await this.engine.syncNow(entry) };
  }

  async update(side: Side, module: string, id: string, patch: object, actor: Actor): Promise<WriteResult<RecordBase>> {
    await this.inputs.check(systemNameOf(side), module, patch);
    const fields = await this.fields(side, module);
    const entry = await this.db.transaction(async (m) => {
      const current = await this.engine.noteEditsBeforeWrite(m, side, module, id);
      await this.stores[side].update(module, id, patch, actor, m, current ?? undefined);
      return this.enqueue(m, side, module, id, "UPDATE", snapshotValues(fields, patch), actor);
    });
    const sync = await this.engine.syncNow(entry);
    return { record: (await this.stores[side].getMany(module, [id]))[0] ?? null, sync };
  }

  async delete(side: Side, module: string, id: string, actor: Actor): Promise<WriteResult<RecordBase>> {
    const entry = await this.db.transaction(async (m) => {
      if (!(await this.stores[side].delete(module, id, m))) throw new NotFoundError(`${side} ${module} record`, id);
      return this.enqueue(m, side, module, id, "DELETE", null, actor);
    });
    return { record: null, sync: await this.engine.syncNow(entry) };
  }

  /** "Sync now" for one record: syncs it whole, resuming a suspended link. */
  async syncRecord(side: Side, module: string, id: string, actor: Actor): Promise<SyncOutcome> {
    const blocked = await this.org.syncBlockedBecause();
    if (blocked) throw new ConflictError(blocked, undefined, { reason: SyncReason.DIRECT_SYNC_DISABLED });
    if (!(await this.stores[side].getMany(module, [id]))[0]) throw new NotFoundError(`${side} ${module} record`, id);
    const entry = await this.db.transaction((m) => this.enqueue(m, side, module, id, "SYNC", null, actor, "MANUAL"));
    return this.engine.syncNow(entry);
  }

  private enqueue(
    m: Parameters<Outbox["enqueue"]>[0],
    side: Side,
    module: string,
    recordId: string,
    operation: ChangeOperation,
    values: Record<string, unknown> | null,
    actor: Actor,
    origin: "GATEWAY" | "MANUAL" = "GATEWAY",
  ): Promise<OutboxEntry> {
    return this.outbox.enqueue(m, { side, module, recordId, operation, values, origin, userId: actor.userId });
  }

  private fields(side: Side, module: string) {
    return this.catalogue.definitionsOf(systemNameOf(side), module);
  }
}
