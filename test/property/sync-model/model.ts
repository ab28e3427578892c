import { DeletionPreference, SyncDirection } from "../../../src/sync/settings/sync-settings.entity";
import { allowsFlow } from "../../../src/sync/decisions/sync-direction";
import { FIELD_KEYS, type FieldKey, type How, type Side } from "./commands";

/**
 * What the history did, as the test understands it: the configuration in force, every edit of every pair of
 * records ("slot") with the entries that could carry it, and which configuration each entry was processed under.
 * The invariants compare the gateway's final state with this.
 */

export interface ModelConfig {
  enabled: boolean;
  direction: SyncDirection;
  onCrmDelete: DeletionPreference;
  onFsmDelete: DeletionPreference;
  restricted: Record<Side, boolean>;
  websiteMapped: boolean;
}

export const DEFAULT_CONFIG: ModelConfig = {
  enabled: true,
  direction: SyncDirection.TWO_WAY,
  onCrmDelete: DeletionPreference.SUSPEND,
  onFsmDelete: DeletionPreference.SUSPEND,
  restricted: { CRM: false, FSM: false },
  websiteMapped: true,
};

export interface ModelEntry {
  id: number;
  side: Side;
  recordId: string;
  operation: "CREATE" | "UPDATE" | "DELETE" | "SYNC";
  /** A gateway edit's entry carries its own values; a change feed's or a manual sync's syncs the whole record. */
  wholeRecord: boolean;
  seq: number;
  /** Set once the entry is no longer pending: the configuration it was processed under, and its outcome. */
  processed?: { config: ModelConfig; reason: string | null; status: string; crmId: string | null; fsmId: string | null };
}

export interface ModelEdit {
  seq: number;
  side: Side;
  recordId: string;
  how: How;
  value: string;
  /** The gateway edit's own entry (deferred or synced at once); outside edits rely on announcements. */
  entryId: number | null;
}

export interface Slot {
  crmId: string | null;
  fsmId: string | null;
  linkId: string | null;
  /** Edits since the slot's current link was made (a new link starts from the values it copied). */
  edits: Record<FieldKey, ModelEdit[]>;
  /** Any edit of any field made outside, since the current link: modified times then date edits only roughly. */
  outsideEdits: boolean;
  /** Personal-data restrictions were in force at some point since the current link. */
  privacyTouched: boolean;
  /** Fields the current link's creation did not copy (unmapped or restricted then): they may differ from the start. */
  uncopied: Set<FieldKey>;
}

export const emptyEdits = (): Record<FieldKey, ModelEdit[]> => ({ name: [], phone: [], website: [], secret: [] });

export class SyncModel {
  config: ModelConfig = structuredClone(DEFAULT_CONFIG);
  readonly slots: Slot[] = [];
  readonly entries = new Map<number, ModelEntry>();
  /** Records the history itself deleted (the rest may only disappear by a preference to delete). */
  readonly deletedByHistory = new Set<string>();
  /** Every value the Secret_Code field was given: none may appear in any log. */
  readonly secretValues = new Set<string>();
  /** Secret values set on a side while that side's personal data was restricted (and still is): they must never cross. */
  readonly confidential: Record<Side, Set<string>> = { CRM: new Set(), FSM: new Set() };
  private seq = 0;

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  addSlot(crmId: string | null, fsmId: string | null): Slot {
    const slot: Slot = {
      crmId,
      fsmId,
      linkId: null,
      edits: emptyEdits(),
      outsideEdits: false,
      privacyTouched: this.config.restricted.CRM || this.config.restricted.FSM,
      uncopied: new Set<FieldKey>(),
    };
    this.slots.push(slot);
    return slot;
  }

  slot(index: number): Slot | null {
    return this.slots.length ? this.slots[index % this.slots.length] : null;
  }

  addEntry(id: number, side: Side, recordId: string, operation: ModelEntry["operation"], wholeRecord: boolean): ModelEntry {
    const entry = { id, side, recordId, operation, wholeRecord, seq: this.nextSeq() };
    this.entries.set(id, entry);
    return entry;
  }

  recordEdit(slot: Slot, field: FieldKey, edit: ModelEdit): void {
    slot.edits[field].push(edit);
    if (edit.how === "outside") slot.outsideEdits = true;
    if (field === "secret") {
      this.secretValues.add(edit.value);
      if (this.config.restricted[edit.side]) this.confidential[edit.side].add(edit.value);
    }
  }

  setRestricted(side: Side, restricted: boolean): void {
    this.config.restricted[side] = restricted;
    // Once allowed again, values set meanwhile may cross with the record's next whole sync.
    if (!restricted) this.confidential[side].clear();
    if (restricted) for (const slot of this.slots) slot.privacyTouched = true;
  }

  /** A new link copied the surviving record whole: earlier edits are settled in the values it copied. */
  resetSlot(slot: Slot, linkId: string, crmId: string, fsmId: string): void {
    const creation = [...this.entries.values()].find(
      (e) => e.processed?.reason === "COUNTERPART_CREATED" && e.processed.crmId === crmId && e.processed.fsmId === fsmId,
    );
    const copiedWith = creation?.processed?.config;
    slot.uncopied = new Set(creation && copiedWith ? FIELD_KEYS.filter((f) => !SyncModel.carries(copiedWith, creation.side, f)) : FIELD_KEYS);
    slot.linkId = linkId;
    slot.edits = emptyEdits();
    slot.outsideEdits = false;
    slot.privacyTouched = this.config.restricted.CRM || this.config.restricted.FSM;
  }

  /** Whether an entry, processed under `config`, carries a field edited on `side` across. */
  static carries(config: ModelConfig, side: Side, field: FieldKey): boolean {
    if (!config.enabled || !allowsFlow(config.direction, side)) return false;
    if (field === "website" && !config.websiteMapped) return false;
    if (field === "secret" && config.restricted[side]) return false;
    return true;
  }

  /**
   * An edit crossed if an entry that looks at it was processed under a configuration that lets it cross: its own
   * entry, or any later whole-record entry of the same record, or an entry that created the counterpart.
   */
  wasCarried(edit: ModelEdit, field: FieldKey): boolean {
    for (const entry of this.entries.values()) {
      if (!entry.processed || entry.recordId !== edit.recordId) continue;
      const looksAtIt = entry.id === edit.entryId || (entry.seq > edit.seq && (entry.wholeRecord || entry.processed.reason === "COUNTERPART_CREATED"));
      if (looksAtIt && SyncModel.carries(entry.processed.config, edit.side, field)) return true;
    }
    return false;
  }
}
