import { randomUUID } from "node:crypto";
import type { Database } from "../../db/database";
import type { FieldCatalogue } from "../../fields/field-catalogue";
import { SystemName, type FieldDefinition } from "../../fields/field-definition.entity";
import { SyncPair } from "../sync-pair";
import { PAIR_MODULES } from "../../modules/module-registry";
import { recordSettingsChange } from "../settings/settings-audit";
import { FieldMapping } from "./field-mapping.entity";
import { DEFAULT_MAPPINGS, type MappingSpec } from "./default-mappings";
import { validateMappings } from "./mapping-validation";
import { currentlyFlowingSides, enqueueResync } from "../outbox/resync";

/** A mapping with both fields' definitions, as the sync engine uses it. */
export interface ResolvedMapping {
  mapping: FieldMapping;
  crm: FieldDefinition;
  fsm: FieldDefinition;
}

const describe = (m: MappingSpec) => `${m.crmField}↔${m.fsmField}`;
const fingerprint = (m: MappingSpec) => JSON.stringify([m.crmField, m.fsmField, m.valueMap ?? null, m.fsmDefault ?? null]);

/** Field mappings per sync pair: the shipped defaults, replaced by admins after validation. */
export class FieldMappingService {
  private readonly cache = new Map<SyncPair, Promise<ResolvedMapping[]>>();

  constructor(
    private readonly db: Database,
    private readonly catalogue: FieldCatalogue,
  ) {}

  async ensureDefaults(): Promise<void> {
    for (const pair of Object.values(SyncPair)) {
      if (await this.db.manager.exists(FieldMapping, { where: { pair } })) continue;
      await this.db.transaction((m) => m.insert(FieldMapping, this.rows(pair, DEFAULT_MAPPINGS[pair])));
    }
  }

  /**
   * Resolves a pair's mappings now, so that syncs (inside transactions that must not wait for a second
   * connection) find them cached: at start-up and after every replace.
   */
  async warm(...pairs: SyncPair[]): Promise<void> {
    for (const pair of pairs.length ? pairs : Object.values(SyncPair)) {
      const resolved = this.resolve(pair);
      await resolved;
      this.cache.set(pair, resolved);
    }
  }

  list(pair: SyncPair): Promise<FieldMapping[]> {
    return this.db.manager.find(FieldMapping, { where: { pair }, order: { position: "ASC" } });
  }

  resolved(pair: SyncPair): Promise<ResolvedMapping[]> {
    let found = this.cache.get(pair);
    if (!found) {
      found = this.resolve(pair);
      this.cache.set(pair, found);
      found.catch(() => this.cache.delete(pair));
    }
    return found;
  }

  async replace(pair: SyncPair, specs: MappingSpec[], userId: string): Promise<FieldMapping[]> {
    const { crmModule, fsmModule } = PAIR_MODULES[pair];
    validateMappings(specs, await this.catalogue.definitionsOf(SystemName.CRM, crmModule), await this.catalogue.definitionsOf(SystemName.FSM, fsmModule));
    const rows = this.rows(pair, specs);
    await this.db.transaction(async (m) => {
      const before = await m.find(FieldMapping, { where: { pair }, order: { position: "ASC" } });
      await m.delete(FieldMapping, { pair });
      await m.insert(FieldMapping, rows);
      await recordSettingsChange(m, `fieldMappings:${pair}`, { mappings: before.map(describe) }, { mappings: specs.map(describe) }, userId);
      // A field newly mapped (or translated differently) may differ on the two sides already.
      const known = new Set(before.map(fingerprint));
      if (rows.some((row) => !known.has(fingerprint(row)))) await enqueueResync(m, pair, await currentlyFlowingSides(m, pair));
    });
    await this.warm(pair);
    return rows;
  }

  private rows(pair: SyncPair, specs: MappingSpec[]): FieldMapping[] {
    return specs.map((spec, position) => Object.assign(new FieldMapping(), { id: randomUUID(), pair, position, valueMap: null, fsmDefault: null, ...spec }));
  }

  private async resolve(pair: SyncPair): Promise<ResolvedMapping[]> {
    const { crmModule, fsmModule } = PAIR_MODULES[pair];
    const crmFields = await this.catalogue.definitionsOf(SystemName.CRM, crmModule);
    const fsmFields = await this.catalogue.definitionsOf(SystemName.FSM, fsmModule);
    return (await this.list(pair)).flatMap((mapping) => {
      const crm = crmFields.find((f) => f.apiName === mapping.crmField);
      const fsm = fsmFields.find((f) => f.apiName === mapping.fsmField);
      return crm && fsm ? [{ mapping, crm, fsm }] : [];
    });
  }
}
