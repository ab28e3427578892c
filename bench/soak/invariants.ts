import { MoreThan } from "typeorm";
import type { Services } from "../../src/services";
import type { RecordBase } from "../../src/common/record-base";
import { readFieldPath } from "../../src/common/field-path";
import { FieldDataType } from "../../src/fields/field-definition.entity";
import { LinkStatus, SyncLink } from "../../src/links/sync-link.entity";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";
import { SyncEvent, SyncFlow, SyncStatus } from "../../src/sync/history/sync-event.entity";
import { sameValue, toFsmValue } from "../../src/sync/engine/value-mapping";
import { SyncPair } from "../../src/sync/sync-pair";
import { PAIR_MODULES } from "../../src/modules/module-registry";
import type { ClientLog, CommittedEdit, SoakRecord } from "./edits";
import type { QuietState } from "./quiet-state";

/** The edited records as they were before the load: versions by record id, values by `${crmId}/${key}`. */
export interface Before {
  versions: Map<string, number>;
  values: Map<string, unknown>;
  /** The newest outbox entry before the load: later ones are the run's. */
  lastEntryId: number;
}

export interface InvariantResult {
  name: string;
  ok: boolean;
  checked: number;
  /** The first few violations, in words. */
  violations: string[];
  violationCount: number;
}

const MAX_LISTED = 10;

class Invariant {
  checked = 0;
  violations: string[] = [];
  violationCount = 0;
  constructor(readonly name: string) {}
  check(ok: boolean, describe: () => string): void {
    this.checked += 1;
    if (ok) return;
    this.violationCount += 1;
    if (this.violations.length < MAX_LISTED) this.violations.push(describe());
  }
  result(): InvariantResult {
    return { name: this.name, ok: this.violationCount === 0, checked: this.checked, violations: this.violations, violationCount: this.violationCount };
  }
}

/** Something the soak itself set up (a record, a mapping): without it the run is broken, which is no finding to count. */
function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`soak: ${what} is missing`);
  return value;
}

type AnyStore = { getMany(module: string, ids: readonly string[]): Promise<RecordBase[]> };

async function recordsById(store: AnyStore, module: string, ids: string[]): Promise<Map<string, RecordBase>> {
  const records = new Map<string, RecordBase>();
  for (let i = 0; i < ids.length; i += 500) for (const r of await store.getMany(module, ids.slice(i, i + 500))) records.set(r.id, r);
  return records;
}

/** The current value of a mapped field of an edited record, as the CRM holds it. */
export async function crmValues(services: Services, records: SoakRecord[], keys: (pair: SyncPair) => string[]): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  for (const pair of Object.values(SyncPair)) {
    const mine = records.filter((r) => r.pair === pair);
    const byId = await recordsById(
      services.crm,
      PAIR_MODULES[pair].crmModule,
      mine.map((r) => r.crmId),
    );
    const mappings = await services.mappings.resolved(pair);
    for (const r of mine) {
      for (const key of keys(pair)) {
        const rm = present(
          mappings.find((m) => m.crm.apiName === key),
          `${pair} mapping of ${key}`,
        );
        values.set(`${r.crmId}/${key}`, readFieldPath(present(byId.get(r.crmId), `CRM record ${r.crmId}`), rm.crm.fieldName));
      }
    }
  }
  return values;
}

/**
 * Every linked pair's mapped fields are equal on both sides (all links of the organisation, not only the edited
 * ones), and no record has two links.
 */
async function checkLinks(services: Services, equal: Invariant, oneLink: Invariant): Promise<void> {
  const links = await services.db.manager.find(SyncLink);
  const fsmOfCrm = new Map(links.map((l) => [`${l.crmModule}/${l.crmId}`, l.fsmId]));
  for (const side of ["crm", "fsm"] as const) {
    const seen = new Map<string, number>();
    for (const l of links) {
      const key = side === "crm" ? `${l.crmModule}/${l.crmId}` : `${l.fsmModule}/${l.fsmId}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const [key, n] of seen) oneLink.check(n === 1, () => `${side.toUpperCase()} ${key} has ${n} links`);
  }
  for (const pair of Object.values(SyncPair)) {
    const { crmModule, fsmModule } = PAIR_MODULES[pair];
    const mine = links.filter((l) => l.crmModule === crmModule && l.fsmModule === fsmModule && l.status === LinkStatus.ACTIVE);
    const crm = await recordsById(
      services.crm,
      crmModule,
      mine.map((l) => l.crmId),
    );
    const fsm = await recordsById(
      services.fsm,
      fsmModule,
      mine.map((l) => l.fsmId),
    );
    const mappings = await services.mappings.resolved(pair);
    for (const link of mine) {
      const c = crm.get(link.crmId);
      const f = fsm.get(link.fsmId);
      equal.check(Boolean(c && f), () => `${pair} link ${link.id}: ${c ? "" : "CRM record"}${f ? "" : " FSM record"} missing`);
      if (!c || !f) continue;
      for (const rm of mappings) {
        const crmValue = readFieldPath(c, rm.crm.fieldName);
        const fsmValue = readFieldPath(f, rm.fsm.fieldName);
        const expected =
          rm.crm.dataType === FieldDataType.LOOKUP
            ? crmValue
              ? (fsmOfCrm.get(`${rm.crm.lookupModule}/${String(crmValue)}`) ?? `(unlinked ${String(crmValue)})`)
              : null
            : toFsmValue(rm.mapping, crmValue);
        equal.check(
          sameValue(expected, fsmValue),
          () => `${pair} ${link.crmId}↔${link.fsmId} ${rm.crm.apiName}: CRM ${JSON.stringify(crmValue)}, FSM ${JSON.stringify(fsmValue)}`,
        );
      }
    }
  }
}

/**
 * No committed change lost: per edited field, the final value is the last committed write. Clients log the
 * interval each write committed in; a write is possibly the last if no other write was sent after its reply, and
 * the final value must be one of those. A field with an edit of unknown outcome (failed request, unsent
 * announcement) is skipped and counted.
 */
function checkLastWriteWins(edits: CommittedEdit[], logs: ClientLog[], before: Before, after: Map<string, unknown>, lost: Invariant, when: string): number {
  const unknown = new Set(logs.flatMap((l) => l.errors).flatMap((e) => (e.uncertain ? [`${e.uncertain.crmId}/${e.uncertain.key}`] : [])));
  for (const e of edits) if (e.way === "feed" && e.entryId === null) unknown.add(`${e.crmId}/${e.key}`);
  const byField = new Map<string, CommittedEdit[]>();
  for (const e of edits) byField.set(`${e.crmId}/${e.key}`, [...(byField.get(`${e.crmId}/${e.key}`) ?? []), e]);
  for (const [field, final] of after) {
    if (unknown.has(field)) continue;
    const writes = byField.get(field) ?? [];
    if (writes.length === 0) {
      lost.check(
        sameValue(final, before.values.get(field)),
        () => `${when} ${field}: never edited, but changed from ${JSON.stringify(before.values.get(field))} to ${JSON.stringify(final)}`,
      );
      continue;
    }
    const lastSent = Math.max(...writes.map((w) => w.sentAt));
    const candidates = writes.filter((w) => w.sentAt === lastSent || w.repliedAt >= lastSent);
    lost.check(
      candidates.some((w) => sameValue(w.value, final)),
      () => {
        const last = [...writes]
          .sort((a, b) => b.sentAt - a.sentAt)
          .slice(0, 4)
          .map((w) => `${JSON.stringify(w.value)} (${w.side} ${w.way}, client ${w.client}, ${w.sentAt}–${w.repliedAt})`)
          .join("; ");
        const winner = writes.find((w) => sameValue(w.value, final));
        return `${when} ${field}: ${JSON.stringify(final)}${winner ? ` (written ${winner.sentAt}–${winner.repliedAt} by client ${winner.client}, ${winner.side} ${winner.way})` : " (not a logged write)"}, expected one of the last writes: ${last}`;
      },
    );
  }
  return unknown.size;
}

/**
 * Nothing applied twice, nothing echoed: every outbox entry of the run is one a client made (no sync write
 * enqueued a change back), each was applied exactly once (one history event), and each edited record's version
 * rose by exactly its own committed writes plus the syncs recorded into it.
 */
async function checkOnce(
  services: Services,
  records: SoakRecord[],
  edits: CommittedEdit[],
  logs: ClientLog[],
  before: Before,
  once: Invariant,
  echo: Invariant,
): Promise<void> {
  const entries = await services.db.manager.find(OutboxEntry, { where: { id: MoreThan(before.lastEntryId) } });
  const known = new Set(edits.flatMap((e) => [...(e.entryId !== null ? [e.entryId] : []), ...e.announcedEntryIds]));
  const uncertain = logs.flatMap((l) => l.errors).filter((e) => e.uncertain).length;
  const strangers = entries.filter((e) => !known.has(e.id));
  echo.check(
    strangers.length <= uncertain,
    () =>
      `${strangers.length} outbox entries no client made (e.g. ${strangers
        .slice(0, 3)
        .map((e) => `#${e.id} ${e.side} ${e.module} ${e.origin} by ${e.userId}`)
        .join(", ")})`,
  );
  const events = await services.db.manager.find(SyncEvent, { where: { entryId: MoreThan(before.lastEntryId) } });
  const eventsOf = new Map<number, SyncEvent[]>();
  for (const ev of events) if (ev.entryId !== null) eventsOf.set(ev.entryId, [...(eventsOf.get(ev.entryId) ?? []), ev]);
  for (const entry of entries) {
    const n = eventsOf.get(entry.id)?.length ?? 0;
    once.check(
      n === 1 && entry.state !== "PENDING",
      () => `entry #${entry.id} (${entry.side} ${entry.module} ${entry.recordId}) is ${entry.state} with ${n} history events`,
    );
  }
  const echoed = events.filter((ev) => ev.status === SyncStatus.SYNCED && (ev.entryId === null || !known.has(ev.entryId)));
  echo.check(echoed.length === 0, () => `${echoed.length} syncs of entries no client made`);

  const writesInto = new Map<string, number>();
  const add = (id: string | null) => id && writesInto.set(id, (writesInto.get(id) ?? 0) + 1);
  for (const ev of events) if (ev.status === SyncStatus.SYNCED) add(ev.flow === SyncFlow.CRM_TO_FSM ? ev.fsmId : ev.crmId);
  for (const e of edits) add(e.recordId);
  const unsure = new Set(logs.flatMap((l) => l.errors).flatMap((e) => (e.uncertain ? [e.uncertain.crmId] : [])));
  for (const pair of Object.values(SyncPair)) {
    const mine = records.filter((r) => r.pair === pair && !unsure.has(r.crmId));
    const crm = await recordsById(
      services.crm,
      PAIR_MODULES[pair].crmModule,
      mine.map((r) => r.crmId),
    );
    const fsm = await recordsById(
      services.fsm,
      PAIR_MODULES[pair].fsmModule,
      mine.map((r) => r.fsmId),
    );
    for (const r of mine) {
      for (const [side, record] of [
        ["CRM", present(crm.get(r.crmId), `CRM record ${r.crmId}`)],
        ["FSM", present(fsm.get(r.fsmId), `FSM record ${r.fsmId}`)],
      ] as const) {
        const rose = record.version - present(before.versions.get(record.id), `version before the soak of ${record.id}`);
        const expected = writesInto.get(record.id) ?? 0;
        once.check(
          rose === expected,
          () => `${side} ${record.id}: version rose by ${rose}, but ${expected} writes were committed into it (client edits + recorded syncs)`,
        );
      }
    }
  }
}

/**
 * Between rounds (clients idle, outbox drained): both sides of each edited field agree, and hold one of the writes
 * that could have been last so far. Each round's end is another chance to catch a lost or misordered write.
 */
function checkQuietStates(edits: CommittedEdit[], logs: ClientLog[], before: Before, quiet: QuietState[], equal: Invariant, lost: Invariant): void {
  for (const state of quiet.filter((q) => q.drained)) {
    const sofar = edits.filter((e) => e.sentAt < state.at);
    for (const [field, { crm, fsm }] of state.values) {
      equal.check(sameValue(crm, fsm), () => `after round ${state.round}: ${field} CRM ${JSON.stringify(crm)}, FSM ${JSON.stringify(fsm)}`);
    }
    checkLastWriteWins(sofar, logs, before, new Map([...state.values].map(([field, v]) => [field, v.crm])), lost, `after round ${state.round}:`);
  }
}

export async function checkInvariants(
  services: Services,
  records: SoakRecord[],
  logs: ClientLog[],
  before: Before,
  keys: (pair: SyncPair) => string[],
  quiet: QuietState[],
): Promise<{ results: InvariantResult[]; skippedFields: number }> {
  const edits = logs.flatMap((l) => l.edits);
  const drained = new Invariant("outbox drained (nothing left pending)");
  const pending = await services.outbox.countPending();
  drained.check(pending === 0, () => `${pending} entries still pending`);
  const equal = new Invariant("linked pairs equal on both sides");
  const oneLink = new Invariant("no record with two links");
  await checkLinks(services, equal, oneLink);
  const lost = new Invariant("no committed change lost (last write wins)");
  checkQuietStates(edits, logs, before, quiet, equal, lost);
  const skippedFields = checkLastWriteWins(edits, logs, before, await crmValues(services, records, keys), lost, "at the end:");
  const once = new Invariant("each change applied once (entries, events, versions)");
  const echo = new Invariant("no echo (no entry or sync no client caused)");
  await checkOnce(services, records, edits, logs, before, once, echo);
  return { results: [drained, equal, oneLink, lost, once, echo].map((i) => i.result()), skippedFields };
}
