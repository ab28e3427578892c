import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LoadResult, LoadSettings } from "./load";
import type { Dataset } from "./dataset";

export type ServerName = "gateway" | "baseline";

export interface Measurement {
  scenario: string;
  server: ServerName;
  load: LoadResult;
  /** SQL statements per request, counted by the server over a few sequential requests. */
  sqlPerRequest: number;
  /** The same over the measured load (approximate: includes requests in flight when it stopped, and token bookkeeping writes). */
  sqlPerRequestUnderLoad: number;
  peakRssBytes: number;
}

export interface ScenarioReport {
  name: string;
  description: string;
  /** What one response holds (accounts, work orders, …). */
  response: Record<string, number> & { bytes: number };
  /** The gateway and the baseline returned the same data before the load (checked, or the run fails). */
  sameData: boolean;
  sameBytes: boolean;
  measurements: Measurement[];
  ratios: { requestsPerSecond: number | null; latencyP50: number | null; latencyP99: number | null };
}

export interface BenchReport {
  startedAt: string;
  totalSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; platform: string; node: string };
  options: { accounts: number; smoke: boolean } & LoadSettings;
  dataset: { store: Dataset["store"]; seedSeconds: number; rows: Record<string, number> };
  scenarios: ScenarioReport[];
  notes: string[];
}

export function machineInfo(): BenchReport["machine"] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

export function ratios(measurements: Measurement[]): ScenarioReport["ratios"] {
  const gateway = measurements.find((m) => m.server === "gateway")?.load;
  const baseline = measurements.find((m) => m.server === "baseline")?.load;
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : null);
  return {
    requestsPerSecond: ratio(gateway?.requestsPerSecond, baseline?.requestsPerSecond),
    latencyP50: ratio(gateway?.latencyMs.p50, baseline?.latencyMs.p50),
    latencyP99: ratio(gateway?.latencyMs.p99, baseline?.latencyMs.p99),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

export function formatReport(report: BenchReport): string {
  const rows = [["scenario", "server", "req/s", "p50 ms", "p99 ms", "SQL/req", "peak RSS MB", "req/s vs baseline"]];
  for (const scenario of report.scenarios) {
    for (const m of scenario.measurements) {
      const ratio = m.server === "gateway" ? scenario.ratios.requestsPerSecond : 1;
      rows.push([
        scenario.name, m.server, fixed(m.load.requestsPerSecond), fixed(m.load.latencyMs.p50, 0), fixed(m.load.latencyMs.p99, 0),
        fixed(m.sqlPerRequest, 1), fixed(m.peakRssBytes / 2 ** 20, 0), ratio === null ? "n/a" : `${(ratio * 100).toFixed(1)}%`,
      ]);
    }
  }
  const { machine, options, dataset } = report;
  const rowsSummary = ["crm_account", "crm_contact", "crm_deal", "fsm_work_order", "fsm_service_appointment"]
    .map((t) => `${t} ${dataset.rows[t] ?? "?"}`).join(", ");
  return [
    `Benchmark ${report.startedAt} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.platform}, node ${machine.node}`,
    `Dataset: ${dataset.store}, ${options.accounts} accounts (${rowsSummary}); seeded in ${fixed(dataset.seedSeconds)} s`,
    `Load: ${options.connections} connections, ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s per server, loopback`,
    ...report.scenarios.map((s) => `  ${s.name}: ${s.description}; ${s.response.objects} objects, ${s.response.bytes} bytes per response`),
    "",
    table(rows),
    "",
    ...report.notes.map((n) => `Note: ${n}`),
    `Total ${fixed(report.totalSeconds)} s.`,
  ].join("\n");
}

export function writeJson(report: BenchReport, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
