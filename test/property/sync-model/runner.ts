import { In, MoreThan } from "typeorm";
import type { TestGateway } from "../../support/test-gateway";
import { SyncLink } from "../../../src/links/sync-link.entity";
import { OutboxEntry } from "../../../src/sync/outbox/outbox-entry.entity";
import { SyncPair } from "../../../src/sync/sync-pair";
import { DEFAULT_MAPPINGS } from "../../../src/sync/mapping/default-mappings";
import { FieldDataType, PersonalDataClass, SystemName } from "../../../src/fields/field-definition.entity";
import { snapshotValues } from "../../../src/sync/engine/snapshot";
import type { Command, FieldKey, Side } from "./commands";
import { DEFAULT_CONFIG, SyncModel, type ModelEntry, type Slot } from "./model";
import { must } from "../../support/must";

/** Applies a history's commands to the real gateway and keeps the model in step. */

export const MODULE: Record<Side, "Accounts" | "Companies"> = { CRM: "Accounts", FSM: "Companies" };
const SECRET = "Secret_Code";
/** Field paths on each side; Secret_Code is a Sensitive custom field on both. */
export const FIELD_PATH: Record<FieldKey, Record<Side, string>> = {
  name: { CRM: "accountName", FSM: "companyName" },
  phone: { CRM: "phone", FSM: "phone" },
  website: { CRM: "website", FSM: "website" },
  secret: { CRM: `customFields.${SECRET}`, FSM: `customFields.${SECRET}` },
};
const MODEL = { userId: "model" };
const OUTSIDE = { userId: "outside" };
const INITIAL_SLOTS = 2;
const MAX_SLOTS = 5;

function patchOf(field: FieldKey, side: Side, value: string): Record<string, unknown> {
  return field === "secret" ? { customFields: { [SECRET]: value } } : { [FIELD_PATH[field][side]]: value };
}

const mappings = (website: boolean) => [
  ...DEFAULT_MAPPINGS[SyncPair.ACCOUNTS_COMPANIES].filter((m) => website || m.crmField !== "Website"),
  { crmField: SECRET, fsmField: SECRET },
];

/** Once per gateway database: the Secret_Code fields, and Contacts sync off (so Accounts sync may be switched off). */
export async function prepareGateway(t: TestGateway): Promise<void> {
  const { fields, syncSettings } = t.services;
  for (const system of [SystemName.CRM, SystemName.FSM]) {
    await fields.defineCustomField({
      system,
      module: system === SystemName.CRM ? "Accounts" : "Companies",
      apiName: SECRET,
      label: "Secret code",
      dataType: FieldDataType.TEXT,
      mandatory: false,
      personalData: PersonalDataClass.SENSITIVE,
    });
  }
  await syncSettings.update(SyncPair.CONTACTS_CONTACTS, { enabled: false }, "model");
}

export class ModelRunner {
  readonly model = new SyncModel();
  /** Entries before this history's: ignored by its invariants. */
  startEntryId = 0;
  startTime = new Date();
  private readonly tag = Math.random().toString(36).slice(2, 8);
  /** Every record id the history has seen on each side (counterparts included). */
  readonly knownIds: Record<Side, Set<string>> = { CRM: new Set(), FSM: new Set() };

  constructor(private readonly t: TestGateway) {}

  private get s() {
    return this.t.services;
  }

  /** Default configuration, and a few linked pairs to start from. */
  async setUp(): Promise<void> {
    await this.s.engine.drain();
    // Earlier histories' records stay, unlinked: a settings change resyncs every linked record, and a history should
    // cost the same whether it runs first or sixtieth.
    await this.s.db.manager.createQueryBuilder().delete().from(SyncLink).execute();
    await this.s.syncSettings.update(
      SyncPair.ACCOUNTS_COMPANIES,
      { enabled: true, direction: DEFAULT_CONFIG.direction, onCrmDelete: DEFAULT_CONFIG.onCrmDelete, onFsmDelete: DEFAULT_CONFIG.onFsmDelete },
      "model",
    );
    await this.s.privacy.setCrmRestriction("Accounts", false, false, "model", this.s.fields.modulesOf(SystemName.CRM));
    await this.s.privacy.setFsmApiAccess(true, "model");
    await this.s.mappings.replace(SyncPair.ACCOUNTS_COMPANIES, mappings(true), "model");
    this.startEntryId = (await this.s.db.manager.maximum(OutboxEntry, "id")) ?? 0;
    this.startTime = new Date();
    for (let i = 0; i < INITIAL_SLOTS; i += 1) await this.apply({ kind: "create", side: "CRM", how: "gateway", announceTimes: 1 }, -1);
  }

  async apply(command: Command, index: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 2)); // edits need distinct times: the later one must win
    await this.run(command, index);
    await this.observe();
  }

  private async run(c: Command, index: number): Promise<void> {
    const { writer, engine, syncSettings, privacy, mappings: mappingService, fields } = this.s;
    const m = this.model;
    switch (c.kind) {
      case "create": {
        if (m.slots.length >= MAX_SLOTS) return;
        const values =
          c.side === "CRM"
            ? { accountName: `Model ${index} ${Math.random().toString(36).slice(2, 8)}` }
            : { companyName: `Model ${index} ${Math.random().toString(36).slice(2, 8)}` };
        if (c.how === "gateway") {
          const { record, sync } = await writer.create(c.side, MODULE[c.side], values, MODEL);
          const { id } = must(record, "the created record");
          m.addSlot(c.side === "CRM" ? id : null, c.side === "FSM" ? id : null);
          m.addEntry(must(sync.entryId, "the create's outbox entry"), c.side, id, "CREATE", false);
        } else {
          const record = (await this.store(c.side).create(MODULE[c.side] as never, values as never, OUTSIDE)) as { id: string };
          m.addSlot(c.side === "CRM" ? record.id : null, c.side === "FSM" ? record.id : null);
          for (let i = 0; i < c.announceTimes; i += 1) await this.announce(c.side, record.id, "CREATE");
        }
        return;
      }
      case "edit": {
        const slot = m.slot(c.slot);
        const id = slot && (await this.liveId(slot, c.side));
        if (!slot || !id) return;
        // Secret values are unique across histories: the privacy checks look through everything the database kept.
        const value = c.field === "secret" ? `secret-${c.value}-${index}-${this.tag}` : c.value;
        const patch = patchOf(c.field, c.side, value);
        const edit = { seq: m.nextSeq(), side: c.side, recordId: id, how: c.how, value, entryId: null as number | null };
        m.recordEdit(slot, c.field, edit);
        if (c.how === "gateway") {
          const { sync } = await writer.update(c.side, MODULE[c.side], id, patch, MODEL);
          edit.entryId = sync.entryId;
          m.addEntry(must(sync.entryId, "the update's outbox entry"), c.side, id, "UPDATE", false);
        } else if (c.how === "deferred") {
          // The writer's transaction, without the sync that follows it (the process died after commit).
          const definitions = await fields.definitionsOf(c.side === "CRM" ? SystemName.CRM : SystemName.FSM, MODULE[c.side]);
          const entry = await this.s.db.transaction(async (tx) => {
            await engine.noteEditsBeforeWrite(tx, c.side, MODULE[c.side], id);
            await this.store(c.side).update(MODULE[c.side] as never, id, patch as never, MODEL, tx);
            return this.s.outbox.enqueue(tx, {
              side: c.side,
              module: MODULE[c.side],
              recordId: id,
              operation: "UPDATE",
              values: snapshotValues(definitions, patch),
              origin: "GATEWAY",
              userId: MODEL.userId,
            });
          });
          edit.entryId = entry.id;
          m.addEntry(entry.id, c.side, id, "UPDATE", false);
        } else {
          await this.store(c.side).update(MODULE[c.side] as never, id, patch as never, OUTSIDE);
          for (let i = 0; i < c.announceTimes; i += 1) await this.announce(c.side, id, "UPDATE");
        }
        return;
      }
      case "delete": {
        const slot = m.slot(c.slot);
        const id = slot && (await this.liveId(slot, c.side));
        if (!slot || !id) return;
        m.deletedByHistory.add(id);
        if (c.how === "gateway") {
          const { sync } = await writer.delete(c.side, MODULE[c.side], id, MODEL);
          m.addEntry(must(sync.entryId, "the delete's outbox entry"), c.side, id, "DELETE", false);
        } else if (c.how === "deferred") {
          const entry = await this.s.db.transaction(async (tx) => {
            await this.store(c.side).delete(MODULE[c.side] as never, id, tx);
            return this.s.outbox.enqueue(tx, {
              side: c.side,
              module: MODULE[c.side],
              recordId: id,
              operation: "DELETE",
              values: null,
              origin: "GATEWAY",
              userId: MODEL.userId,
            });
          });
          m.addEntry(entry.id, c.side, id, "DELETE", false);
        } else {
          await this.store(c.side).delete(MODULE[c.side] as never, id);
          for (let i = 0; i < c.announceTimes; i += 1) await this.announce(c.side, id, "DELETE");
        }
        return;
      }
      case "announce": {
        const slot = m.slot(c.slot);
        const id = slot && (c.side === "CRM" ? slot.crmId : slot.fsmId);
        if (id) await this.announce(c.side, id, c.operation);
        return;
      }
      case "process":
        for (let i = 0; i < c.count; i += 1) await engine.processNext();
        return;
      case "syncNow": {
        const slot = m.slot(c.slot);
        const id = slot && (await this.liveId(slot, c.side));
        if (!slot || !id) return;
        const outcome = await writer.syncRecord(c.side, MODULE[c.side], id, MODEL);
        m.addEntry(must(outcome.entryId, "the sync's outbox entry"), c.side, id, "SYNC", true);
        return;
      }
      case "settings":
        await syncSettings.update(SyncPair.ACCOUNTS_COMPANIES, c.change, "model");
        Object.assign(m.config, c.change);
        return this.absorbResync();
      case "privacy":
        if (c.side === "CRM") await privacy.setCrmRestriction("Accounts", false, c.restricted, "model", fields.modulesOf(SystemName.CRM));
        else await privacy.setFsmApiAccess(!c.restricted, "model");
        m.setRestricted(c.side, c.restricted);
        return this.absorbResync();
      case "mapping":
        await mappingService.replace(SyncPair.ACCOUNTS_COMPANIES, mappings(c.website), "model");
        m.config.websiteMapped = c.website;
        return this.absorbResync();
      case "restart":
        await this.t.restart();
        return;
    }
  }

  /** The restarted worker: drains what is left. */
  async finish(): Promise<void> {
    await this.s.engine.drain();
    await this.observe();
  }

  /** A settings change that lets more cross enqueues whole-record resyncs of the linked records: the history's own entries. */
  private async absorbResync(): Promise<void> {
    const known = Math.max(this.startEntryId, ...this.model.entries.keys());
    const resyncs = await this.s.db.manager.find(OutboxEntry, { where: { id: MoreThan(known), origin: "SETTINGS" }, order: { id: "ASC" } });
    for (const entry of resyncs) this.model.addEntry(entry.id, entry.side, entry.recordId, "SYNC", true);
  }

  /** A change feed's announcement, as POST /hooks/crm|fsm enqueues it. */
  private async announce(side: Side, recordId: string, operation: "CREATE" | "UPDATE" | "DELETE"): Promise<void> {
    const entry = await this.s.db.transaction((tx) =>
      this.s.outbox.enqueue(tx, { side, module: MODULE[side], recordId, operation, values: null, origin: "HOOK", userId: null }),
    );
    this.model.addEntry(entry.id, side, recordId, operation, true);
  }

  /**
   * After each command: which entries were processed (under the configuration in force now), and which
   * records each slot pairs now (a new link starts the slot's edit history afresh).
   */
  private async observe(): Promise<void> {
    const open = [...this.model.entries.values()].filter((e) => !e.processed);
    if (open.length) {
      const rows = await this.s.db.manager.findBy(OutboxEntry, { id: In(open.map((e) => e.id)) });
      for (const row of rows.filter((r) => r.state !== "PENDING").sort((a, b) => a.id - b.id)) {
        const entry = this.model.entries.get(row.id);
        if (!entry) continue;
        const event = await this.s.history.eventOfEntry(row.id);
        entry.processed = {
          config: structuredClone(this.model.config),
          reason: event?.reason ?? null,
          status: event?.status ?? "NONE",
          crmId: event?.crmId ?? null,
          fsmId: event?.fsmId ?? null,
        };
        this.onProcessed?.(entry);
      }
    }
    for (const slot of this.model.slots) {
      await this.refresh(slot);
      if (slot.crmId) this.knownIds.CRM.add(slot.crmId);
      if (slot.fsmId) this.knownIds.FSM.add(slot.fsmId);
    }
  }

  /** Called for each entry as it is seen processed (the deletion invariants hook in here). */
  onProcessed?: (entry: ModelEntry) => void;

  private async refresh(slot: Slot): Promise<void> {
    const { manager } = this.s.db;
    const link =
      (slot.crmId ? await manager.findOneBy(SyncLink, { crmModule: "Accounts", crmId: slot.crmId }) : null) ??
      (slot.fsmId ? await manager.findOneBy(SyncLink, { fsmModule: "Companies", fsmId: slot.fsmId }) : null);
    if (!link) return;
    slot.crmId = link.crmId;
    slot.fsmId = link.fsmId;
    if (link.id !== slot.linkId) this.model.resetSlot(slot, link.id, link.crmId, link.fsmId);
  }

  private async liveId(slot: Slot, side: Side): Promise<string | null> {
    const id = side === "CRM" ? slot.crmId : slot.fsmId;
    if (!id) return null;
    return (await this.store(side).getMany(MODULE[side] as never, [id])).length ? id : null;
  }

  store(side: Side) {
    return side === "CRM" ? this.s.crm : this.s.fsm;
  }
}
