import type { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";
import type { machineInfo } from "../report";
import type { ClientError, ClientLog, CommittedEdit } from "./edits";
import type { InvariantResult } from "./invariants";
import type { SoakOptions } from "./soak-options";

export interface Percentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export interface SoakReport {
  startedAt: string;
  machine: ReturnType<typeof machineInfo>;
  store: "SQLite" | "PostgreSQL";
  options: Omit<SoakOptions, "databaseUrl"> & { databaseUrl?: undefined };
  records: number;
  loadSeconds: number;
  /** From the end of the load until no outbox entry was pending; null: it did not drain in time. */
  drainSeconds: number | null;
  edits: {
    committed: number;
    perSecond: number;
    bySide: Record<"CRM" | "FSM", { committed: number; perSecond: number }>;
    byWay: Record<"gateway" | "feed", number>;
    duplicateAnnouncements: number;
    /** Immediate sync outcome reported by the mutations (the rest went to the worker). */
    mutationSyncStatus: Record<string, number>;
  };
  /**
   * Sync lag, ms: from the change reaching the gateway (a mutation's commit; a change-feed announcement's commit)
   * to the commit of the sync that applied it, i.e. its outbox entry's createdTime → processedTime (both stamped by
   * the gateway, same clock). `feedFromWrite`: a feed edit from its write in the system (client's reply time) to the
   * sync, which includes the client's own 0-30 ms announcement delay.
   */
  lagMs: { all: Percentiles; gateway: Percentiles; feed: Percentiles; feedFromWrite: Percentiles };
  /** Entries whose sync failed (FAILED), with their reasons. */
  failedEntries: Record<string, number>;
  /** Entries that needed more than one attempt (a transient failure, retried with backoff): count by attempts. */
  retriedEntries: Record<string, number>;
  errors: { count: number; samples: ClientError[] };
  /** Peak resident memory of each gateway process (getrusage). */
  peakRssBytes: number[];
  /** SQL statements each gateway process ran (start-up included). */
  sqlStatements: number[];
  invariants: InvariantResult[];
  /** Edited fields left out of the last-write check: an edit of unknown outcome, or never announced. */
  skippedFields: number;
  ok: boolean;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : null);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1] : null };
}

const count = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }), {});

export function lagReport(
  logs: ClientLog[],
  entries: Map<number, OutboxEntry>,
  loadSeconds: number,
): Pick<SoakReport, "edits" | "lagMs" | "failedEntries" | "retriedEntries" | "errors"> {
  const edits = logs.flatMap((l) => l.edits);
  const lag = (e: CommittedEdit, from: "entry" | "write") => {
    const entry = e.entryId === null ? undefined : entries.get(e.entryId);
    if (!entry?.processedTime || entry.state !== "DONE") return null;
    return entry.processedTime.getTime() - (from === "entry" ? entry.createdTime.getTime() : e.repliedAt);
  };
  const lags = (list: CommittedEdit[], from: "entry" | "write") => percentiles(list.map((e) => lag(e, from)).filter((x): x is number => x !== null));
  const side = (s: "CRM" | "FSM") => {
    const n = edits.filter((e) => e.side === s).length;
    return { committed: n, perSecond: n / loadSeconds };
  };
  const errors = logs.flatMap((l) => l.errors);
  const runEntries = [...entries.values()].filter((e) => edits.some((x) => x.entryId === e.id || x.announcedEntryIds.includes(e.id)));
  return {
    edits: {
      committed: edits.length,
      perSecond: edits.length / loadSeconds,
      bySide: { CRM: side("CRM"), FSM: side("FSM") },
      byWay: { gateway: edits.filter((e) => e.way === "gateway").length, feed: edits.filter((e) => e.way === "feed").length },
      duplicateAnnouncements: logs.reduce((n, l) => n + l.duplicateAnnouncements, 0),
      mutationSyncStatus: count(
        edits.filter((e) => e.way === "gateway"),
        (e) => e.syncStatus ?? "none",
      ),
    },
    lagMs: {
      all: lags(edits, "entry"),
      gateway: lags(
        edits.filter((e) => e.way === "gateway"),
        "entry",
      ),
      feed: lags(
        edits.filter((e) => e.way === "feed"),
        "entry",
      ),
      feedFromWrite: lags(
        edits.filter((e) => e.way === "feed"),
        "write",
      ),
    },
    failedEntries: count(
      runEntries.filter((e) => e.state === "FAILED"),
      (e) => (e.lastError ?? "?").slice(0, 80),
    ),
    retriedEntries: count(
      runEntries.filter((e) => e.attempts > 1),
      (e) => `${e.attempts} attempts`,
    ),
    errors: { count: errors.length, samples: errors.slice(0, 10) },
  };
}

const fixed = (n: number | null, digits = 0) => (n === null ? "–" : n.toFixed(digits));
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

export function formatSoakReport(r: SoakReport): string {
  const lagRow = (name: string, p: Percentiles) =>
    `  ${name.padEnd(28)} ${String(p.count).padStart(6)} ${fixed(p.p50).padStart(7)} ${fixed(p.p95).padStart(7)} ${fixed(p.p99).padStart(7)} ${fixed(p.max).padStart(7)}`;
  return [
    "",
    `Soak on ${r.store}: ${r.options.clients} clients, ${r.options.gateways} gateway process(es), ${r.records} linked pairs, ${fixed(r.loadSeconds, 1)} s of load (${r.machine.cpus} CPUs, node ${r.machine.node})`,
    `  edits committed      ${r.edits.committed} (${fixed(r.edits.perSecond, 1)}/s): CRM ${r.edits.bySide.CRM.committed} (${fixed(r.edits.bySide.CRM.perSecond, 1)}/s), FSM ${r.edits.bySide.FSM.committed} (${fixed(r.edits.bySide.FSM.perSecond, 1)}/s)`,
    `  by way               mutations ${r.edits.byWay.gateway}, change feed ${r.edits.byWay.feed} (+${r.edits.duplicateAnnouncements} duplicate announcements)`,
    `  mutation sync        ${Object.entries(r.edits.mutationSyncStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
    `  errors               ${r.errors.count}${r.errors.samples[0] ? ` (first: ${r.errors.samples[0].message.slice(0, 120)})` : ""}`,
    `  failed syncs         ${Object.values(r.failedEntries).reduce((a, b) => a + b, 0)}${Object.keys(r.failedEntries).length ? ` ${JSON.stringify(r.failedEntries)}` : ""}`,
    `  retried syncs        ${Object.values(r.retriedEntries).reduce((a, b) => a + b, 0)}${Object.keys(r.retriedEntries).length ? ` ${JSON.stringify(r.retriedEntries)}` : ""}`,
    `  drained in           ${r.drainSeconds === null ? "NOT DRAINED" : `${fixed(r.drainSeconds, 1)} s`}`,
    `  peak RSS             ${r.peakRssBytes.map(mb).join(", ")}`,
    "",
    "  sync lag (ms)                 edits     p50     p95     p99     max",
    lagRow("all (arrival → synced)", r.lagMs.all),
    lagRow("mutations", r.lagMs.gateway),
    lagRow("change feed (announced)", r.lagMs.feed),
    lagRow("change feed (from write)", r.lagMs.feedFromWrite),
    "",
    "  invariants",
    ...r.invariants.flatMap((i) => [
      `  ${i.ok ? "ok  " : "FAIL"} ${i.name} (${i.checked} checked${i.ok ? "" : `, ${i.violationCount} violations`})`,
      ...i.violations.map((v) => `         ${v}`),
    ]),
    r.skippedFields ? `  (${r.skippedFields} fields left out of the last-write check: an edit of unknown outcome)` : "",
    r.ok ? "  PASS" : "  FAIL",
  ].join("\n");
}
