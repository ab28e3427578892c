import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LoadSettings } from "./load";
import type { Dataset } from "./dataset";
import type { Measurement, ScenarioReport } from "./measure";
import type { ScaleCheck } from "./scale-check";
import type { InitialSyncMeasurement } from "./initial-sync/measure-initial-sync";
import { formatTable } from "./table";

export interface BenchReport {
  startedAt: string;
  totalSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; platform: string; node: string; loadAverage: number[] };
  options: { accounts: number; syncAccounts: number; scenarios: string[]; smoke: boolean } & LoadSettings;
  dataset: { store: Dataset["store"]; seedSeconds: number; rows: Record<string, number> };
  scenarios: ScenarioReport[];
  /** (d): p50 of the edit with its instant sync minus p50 of the same edit with direct sync off. */
  syncSideEffect: { addedP50Ms: number; targetMs: number } | null;
  /** Null when (a) did not run (--scenarios). */
  scaleCheck: ScaleCheck | null;
  initialSync: (InitialSyncMeasurement & { batchSize: number }) | null;
  notes: string[];
}

export const SYNC_SIDE_EFFECT_TARGET_MS = 5;

export function machineInfo(): Omit<BenchReport["machine"], "loadAverage"> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

/** A measurement's req/s as a share of the same scenario's baseline, or null without one. */
export function shareOfBaseline(scenario: ScenarioReport, m: Measurement): number | null {
  const baseline = scenario.measurements.find((b) => b.server === "baseline");
  return baseline?.load.requestsPerSecond ? m.load.requestsPerSecond / baseline.load.requestsPerSecond : null;
}

export function syncSideEffect(scenarios: ScenarioReport[]): BenchReport["syncSideEffect"] {
  const edit = scenarios.find((s) => s.name.startsWith("d "));
  const [withSync, withoutSync] = edit?.measurements ?? [];
  if (!withSync || !withoutSync) return null;
  return { addedP50Ms: withSync.load.latencyMs.p50 - withoutSync.load.latencyMs.p50, targetMs: SYNC_SIDE_EFFECT_TARGET_MS };
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);
const mb = (bytes: number) => fixed(bytes / 2 ** 20, 0);

export function formatReport(report: BenchReport): string {
  const rows = [["scenario", "server", "conn", "req/s", "p50 ms", "p99 ms", "SQL/req", "peak RSS MB", "% of baseline req/s"]];
  for (const scenario of report.scenarios) {
    for (const m of scenario.measurements) {
      const share = shareOfBaseline(scenario, m);
      rows.push([
        scenario.name,
        m.target,
        String(m.connections),
        fixed(m.load.requestsPerSecond),
        fixed(m.load.latencyMs.p50, 2),
        fixed(m.load.latencyMs.p99, 2),
        fixed(m.sqlPerRequest, 1),
        mb(m.peakRssBytes),
        share === null ? "" : `${fixed(share * 100)}%`,
      ]);
    }
  }
  const { machine, options, dataset, syncSideEffect: side, scaleCheck, initialSync } = report;
  const rowsSummary = ["crm_account", "crm_contact", "crm_deal", "crm_sales_order", "fsm_work_order", "fsm_service_appointment", "fsm_asset"]
    .map((t) => `${t} ${dataset.rows[t] ?? "?"}`)
    .join(", ");
  const lines = [
    `Benchmark ${report.startedAt} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.platform}, node ${machine.node}, load average ${machine.loadAverage.map((l) => fixed(l)).join(" ")}`,
    `Dataset: ${dataset.store}, ${options.accounts} accounts (${rowsSummary}); seeded in ${fixed(dataset.seedSeconds)} s`,
    `Load: ${options.connections} connections (unless conn says otherwise), ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s per row, loopback`,
    ...report.scenarios.map(
      (s) => `  ${s.name}: ${s.description}${s.variants ? `; ${s.response.objects} objects, ${s.response.bytes} bytes in a response` : ""}`,
    ),
    "",
    formatTable(rows, 2),
    "",
  ];
  if (side)
    lines.push(
      `(d) the sync side effect adds ${fixed(side.addedP50Ms, 2)} ms at p50 (target < ${side.targetMs} ms): ${side.addedP50Ms < side.targetMs ? "met" : "NOT met"}.`,
    );
  if (scaleCheck) {
    const [small, large, ...others] = scaleCheck.points;
    const point = (p: typeof small) => `${p.accounts} accounts: ${p.sqlPerRequest} (DataLoader off ${p.unbatchedSqlPerRequest ?? "n/a"})`;
    lines.push(
      `Scale check (${scaleCheck.scenario}, SQL/request as the dataset grows tenfold): ${point(small)} → ${point(large)}: ${scaleCheck.problems.length ? "FAILED" : "constant"}${others.map((p) => `; main run ${point(p)}`).join("")}.`,
    );
  }
  if (initialSync) {
    const { dataset: d } = initialSync;
    lines.push(
      "",
      `(e) initial sync (Overwrite) of CRM ${d.crm.accounts} Accounts + ${d.crm.contacts} Contacts, FSM ${d.fsm.companies} Companies + ${d.fsm.contacts} Contacts as unlinked duplicates (seeded in ${fixed(d.seedSeconds)} s):`,
    );
    lines.push(
      formatTable(
        [
          ["records", "time s", "records/s", "CRM records/s", "SQL/CRM record", "peak RSS MB", "longest stall ms"],
          [
            String(initialSync.job.done),
            fixed(initialSync.figures.seconds),
            fixed(initialSync.figures.recordsPerSecond, 0),
            fixed(initialSync.figures.crmRecordsPerSecond, 0),
            fixed(initialSync.figures.statementsPerCrmRecord),
            mb(initialSync.figures.peakRssBytes),
            fixed(initialSync.figures.longestEventLoopStallMs, 0),
          ],
        ],
        0,
      ),
    );
  }
  lines.push("", ...report.notes.map((n) => `Note: ${n}`), `Total ${fixed(report.totalSeconds)} s.`);
  return lines.join("\n");
}

export function writeJson(report: BenchReport, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
