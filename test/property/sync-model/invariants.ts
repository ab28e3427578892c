import { expect } from "vitest";
import { MoreThan } from "typeorm";
import type { TestGateway } from "../../support/test-gateway";
import { readFieldPath } from "../../../src/common/field-path";
import { sameValue } from "../../../src/sync/engine/value-mapping";
import { LinkStatus, SyncLink } from "../../../src/links/sync-link.entity";
import { OutboxEntry } from "../../../src/sync/outbox/outbox-entry.entity";
import { SyncEvent } from "../../../src/sync/history/sync-event.entity";
import { TimelineEntry } from "../../../src/timeline/timeline-entry.entity";
import { SettingsChange } from "../../../src/sync/settings/settings-change.entity";
import { dailyRunId } from "../../../src/sync/history/sync-history";
import { failuresCsvPath } from "../../../src/http/sync-log.router";
import { allowsFlow } from "../../../src/sync/decisions/sync-direction";
import { DeletionPreference, SyncDirection } from "../../../src/sync/settings/sync-settings.entity";
import type { RecordBase } from "../../../src/common/record-base";
import { FIELD_KEYS, type Side } from "./commands";
import type { ModelEntry, Slot, SyncModel } from "./model";
import { FIELD_PATH, MODULE, type ModelRunner } from "./runner";
import { must } from "../../support/must";

/** The invariants of a history, checked against the gateway's state after the final drain. */

const other = (side: Side): Side => (side === "CRM" ? "FSM" : "CRM");

/** A deletion, when processed, followed the preference in force (or was rightly left alone). */
export function checkDeletion(model: SyncModel, entry: ModelEntry, counterpartsDeleted: Set<string>): void {
  if (entry.operation !== "DELETE" || !entry.processed) return;
  const { config, reason, crmId, fsmId } = entry.processed;
  const where = `DELETE entry ${entry.id} of ${entry.side} ${entry.recordId}`;
  if (!config.enabled) return void expect(reason, where).toBe("SYNC_DISABLED");
  if (!allowsFlow(config.direction, entry.side)) return void expect(reason, where).toBe("DIRECTION_EXCLUDED");
  const preference = entry.side === "CRM" ? config.onCrmDelete : config.onFsmDelete;
  const byPreference = preference === DeletionPreference.DELETE ? "COUNTERPART_DELETED" : "LINK_SUSPENDED";
  const gone = model.deletedByHistory.has(entry.recordId) || counterpartsDeleted.has(entry.recordId);
  // A deletion announced for a record that still exists (late, or wrong) deletes nothing.
  expect(gone ? ["NOT_LINKED", "LINK_REMOVED", "RECORD_EXISTS", byPreference] : ["RECORD_EXISTS"], where).toContain(reason);
  if (reason === "COUNTERPART_DELETED") counterpartsDeleted.add(must(entry.side === "CRM" ? fsmId : crmId, `${where}: the deleted counterpart's id`));
}

export async function checkInvariants(t: TestGateway, runner: ModelRunner, counterpartsDeleted: Set<string>): Promise<void> {
  const { db } = t.services;
  const { model } = runner;
  const after = { id: MoreThan(runner.startEntryId) };

  // Nothing left behind; no entry the history did not cause (an echo); each entry applied exactly once.
  const entries = await db.manager.findBy(OutboxEntry, after);
  expect(
    entries.filter((e) => e.state === "PENDING").map((e) => e.id),
    "pending entries",
  ).toEqual([]);
  expect(
    entries.map((e) => e.id).sort((a, b) => a - b),
    "entries = the history's changes (no echo)",
  ).toEqual([...model.entries.keys()].sort((a, b) => a - b));
  const events = await db.manager.findBy(SyncEvent, { entryId: MoreThan(runner.startEntryId) });
  const perEntry = new Map<number, number>();
  for (const e of events) {
    const entryId = must(e.entryId, `event ${e.id}'s entry`);
    perEntry.set(entryId, (perEntry.get(entryId) ?? 0) + 1);
  }
  expect(
    [...perEntry.entries()].filter(([, n]) => n !== 1),
    "entries applied more than once",
  ).toEqual([]);
  expect(perEntry.size, "every entry has its event").toBe(entries.length);

  const records = await readRecords(runner);
  for (const [index, slot] of model.slots.entries()) {
    await checkSlotLinks(t, slot, index);
    const link = slot.linkId ? await db.manager.findOneBy(SyncLink, { id: slot.linkId }) : null;
    const crm = slot.crmId ? records.CRM.get(slot.crmId) : undefined;
    const fsm = slot.fsmId ? records.FSM.get(slot.fsmId) : undefined;
    if (link?.status === LinkStatus.SUSPENDED) checkSuspendedUntouched(link, crm ?? fsm, index);
    if (link?.status === LinkStatus.ACTIVE && crm && fsm) checkConverged(model, slot, crm, fsm, index);
  }

  // Records disappear only by the history's own deletions, or by a preference to delete the counterpart.
  for (const side of ["CRM", "FSM"] as Side[]) {
    for (const id of runner.knownIds[side]) {
      if (records[side].has(id)) continue;
      expect(model.deletedByHistory.has(id) || counterpartsDeleted.has(id), `${side} ${id} disappeared without a deletion preference`).toBe(true);
    }
  }
  await checkPersonalData(t, runner, records);
}

async function readRecords(runner: ModelRunner): Promise<Record<Side, Map<string, RecordBase>>> {
  const read = async (side: Side) => {
    const found = await runner.store(side).getMany(MODULE[side] as never, [...runner.knownIds[side]]);
    return new Map((found as RecordBase[]).map((r) => [r.id, r]));
  };
  return { CRM: await read("CRM"), FSM: await read("FSM") };
}

async function checkSlotLinks(t: TestGateway, slot: Slot, index: number): Promise<void> {
  const { manager } = t.services.db;
  if (slot.crmId)
    expect(await manager.countBy(SyncLink, { crmModule: "Accounts", crmId: slot.crmId }), `slot ${index}: CRM record has at most one link`).toBeLessThanOrEqual(
      1,
    );
  if (slot.fsmId)
    expect(
      await manager.countBy(SyncLink, { fsmModule: "Companies", fsmId: slot.fsmId }),
      `slot ${index}: FSM record has at most one link`,
    ).toBeLessThanOrEqual(1);
}

/** While suspended, the surviving record is not written by the sync. */
function checkSuspendedUntouched(link: SyncLink, survivor: RecordBase | undefined, index: number): void {
  if (!survivor) return;
  const touched =
    survivor.modifiedBy === "sync" && survivor.modifiedTime.getTime() > must(link.lastSyncTime, `slot ${index}: the suspended link's last sync time`).getTime();
  expect(touched, `slot ${index}: the sync wrote to a record whose link is suspended`).toBe(false);
}

/**
 * Every field whose edits all crossed is equal on both sides and holds the latest edit (where edits are dated
 * exactly; an outside edit is dated by its record's modified time, so then either side's latest may win). A
 * field with edits that could not cross (sync off, the other direction, unmapped, restricted) is equal when its
 * latest edit crossed and every edit of the pair was dated exactly.
 */
function checkConverged(model: SyncModel, slot: Slot, crm: RecordBase, fsm: RecordBase, index: number): void {
  const { config } = model;
  const twoWay = config.enabled && config.direction === SyncDirection.TWO_WAY;
  for (const field of FIELD_KEYS) {
    if (field === "website" && !config.websiteMapped) continue;
    if (field === "secret" && (config.restricted.CRM || config.restricted.FSM)) continue;
    // Two-way at the end: every mapped field that may cross is level, whatever could not cross before.
    const where = `slot ${index} ${field}`;
    const [crmValue, fsmValue] = [readFieldPath(crm, FIELD_PATH[field].CRM), readFieldPath(fsm, FIELD_PATH[field].FSM)];
    if (twoWay)
      expect(sameValue(crmValue, fsmValue), `${where}: level on both sides, two-way (CRM "${String(crmValue)}", FSM "${String(fsmValue)}")`).toBe(true);
  }
  for (const field of FIELD_KEYS) {
    if (field === "secret" && slot.privacyTouched) continue;
    if (field === "website" && !model.config.websiteMapped) continue;
    const crmValue = readFieldPath(crm, FIELD_PATH[field].CRM);
    const fsmValue = readFieldPath(fsm, FIELD_PATH[field].FSM);
    const edits = slot.edits[field];
    const where = `slot ${index} ${field}`;
    // A field the link's creation did not copy starts as an edit that has not crossed.
    const carried = [...(slot.uncopied.has(field) ? [false] : []), ...edits.map((e) => model.wasCarried(e, field))];
    if (carried.every(Boolean)) {
      expect(sameValue(crmValue, fsmValue), `${where}: both sides equal (CRM "${String(crmValue)}", FSM "${String(fsmValue)}")`).toBe(true);
      if (!edits.length) continue;
      const contested = new Set(edits.map((e) => e.side)).size > 1;
      const datedExactly = edits.every((e) => e.how !== "outside");
      if (!contested || datedExactly) {
        expect(crmValue, `${where}: the latest edit wins`).toBe(edits[edits.length - 1].value);
      } else {
        const latest = (side: Side) => [...edits].reverse().find((e) => e.side === side)?.value;
        expect([latest("CRM"), latest("FSM")], `${where}: one side's latest edit`).toContain(crmValue);
      }
    } else if (carried[carried.length - 1] && !slot.outsideEdits) {
      const last = edits[edits.length - 1];
      expect([crmValue, fsmValue], `${where}: the latest edit (${last.side}) crossed over edits that could not`).toEqual([last.value, last.value]);
    }
  }
}

/** Restricted values never reach the other side; no secret value is kept in any log once drained. */
async function checkPersonalData(t: TestGateway, runner: ModelRunner, records: Record<Side, Map<string, RecordBase>>): Promise<void> {
  const { model } = runner;
  for (const side of ["CRM", "FSM"] as Side[]) {
    const across = [...records[other(side)].values()].map((r) => readFieldPath(r, FIELD_PATH.secret[other(side)]));
    for (const value of model.confidential[side]) expect(across, `restricted ${side} value crossed`).not.toContain(value);
  }
  if (!model.secretValues.size) return;
  const { db } = t.services;
  const links = await db.manager.find(SyncLink);
  const stored = JSON.stringify([
    await db.manager.findBy(OutboxEntry, { id: MoreThan(runner.startEntryId) }),
    await db.manager.findBy(SyncEvent, { time: MoreThan(runner.startTime) }),
    await db.manager.find(TimelineEntry),
    await db.manager.find(SettingsChange),
  ]);
  const csvUrl = `${new URL(t.url).origin}${failuresCsvPath(dailyRunId(new Date()))}`;
  const download = async () => {
    const response = await fetch(csvUrl, { headers: { authorization: `Bearer ${t.admin.token}` } });
    expect(response.status, "the day's failures CSV").toBe(200);
    return response.text();
  };
  // Once more if a kept-alive connection closed under us (the server's keep-alive timeout racing the request).
  const csv = await download().catch(download);
  for (const value of model.secretValues) {
    expect(stored.includes(value), `secret "${value}" kept in the outbox, sync events, timelines or settings changes`).toBe(false);
    expect(csv.includes(value), `secret "${value}" in the failures CSV`).toBe(false);
    const confidential = model.confidential.CRM.has(value) || model.confidential.FSM.has(value);
    if (confidential) expect(JSON.stringify(links.map((l) => l.shadow)).includes(value), `restricted "${value}" in a link's shadow`).toBe(false);
  }
}
