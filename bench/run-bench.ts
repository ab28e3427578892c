import "reflect-metadata";
import os from "node:os";
import path from "node:path";
import { parseOptions, UsageError } from "./options";
import { createDataset, type Dataset } from "./dataset";
import { startServer } from "./servers/start-server";
import { prepareScenarios } from "./scenarios/all";
import { measureScenario, post, type ScenarioReport, type Servers } from "./measure";
import { runScaleCheck } from "./scale-check";
import { INITIAL_SYNC_NOTES, measureInitialSync } from "./initial-sync/measure-initial-sync";
import { formatReport, machineInfo, syncSideEffect, writeJson, type BenchReport } from "./report";

/**
 * `npm run bench [-- --accounts N --duration S --smoke --json PATH …]`: seeds a fresh database, starts the gateway,
 * the gateway with DataLoader batching off and the hand-written baseline each in a child process, runs scenarios
 * (a)–(d) against them from here over loopback, then the scale check and the initial sync (e); prints a table and
 * writes the JSON report. Fails (exit 1) when servers disagree on the data, a loaded request failed, SQL/request
 * grew with the data or the initial sync did not do exactly its job.
 */
async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const startedAt = new Date();
  const started = performance.now();
  const log = (line: string) => process.stdout.write(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
  const settings = { durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds, connections: options.connections };
  const notes: string[] = [];

  log(`seeding ${options.accounts} accounts on ${options.databaseUrl ? "PostgreSQL" : "SQLite"}…`);
  const dataset: Dataset = await createDataset(options.accounts, options.databaseUrl);
  log(
    `seeded in ${dataset.seedSeconds.toFixed(1)} s: ${Object.entries(dataset.rows)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ")}`,
  );

  const reports: ScenarioReport[] = [];
  let servers: Partial<Servers> = {};
  try {
    const [gateway, unbatched, baseline] = await Promise.all([
      startServer("gateway", dataset.target),
      startServer("unbatched", dataset.target),
      startServer("baseline", dataset.target),
    ]);
    servers = { gateway, unbatched, baseline };
    log(`gateway (pid ${gateway.pid}), gateway with DataLoader off (pid ${unbatched.pid}), baseline (pid ${baseline.pid}) started`);
    if (dataset.store === "PostgreSQL") notes.push("PostgreSQL: the baseline runs the same hand-written SQL through pg (pool of 10).");
    const scenarios = await prepareScenarios(dataset.target, options.accounts, options.scenarios, (body) => post(gateway.url, body, dataset.token));
    for (const scenario of scenarios) reports.push(await measureScenario(scenario, servers as Servers, dataset.token, settings, log));
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    await dataset.dispose();
  }

  const nested = options.scenarios.includes("a") ? reports[0] : undefined;
  const scaleCheck = nested ? await runScaleCheck(options.databaseUrl, { accounts: options.accounts, measurements: nested.measurements }, log) : null;
  const initialSync = options.syncAccounts
    ? {
        ...(await measureInitialSync(
          { accounts: options.syncAccounts, contacts: 5 * options.syncAccounts, duplicateShare: 0.3, batchSize: 200, cpuProfDir: null },
          options.databaseUrl,
          log,
        )),
        batchSize: 200,
      }
    : null;

  const failures = [
    ...reports.flatMap((s) =>
      s.measurements
        .filter((m) => m.load.errors || m.load.timeouts || m.load.non2xx || m.load.mismatches || !m.load.requests)
        .map(
          (m) =>
            `${s.name} / ${m.target}: ${m.load.requests} requests, ${m.load.errors} errors, ${m.load.timeouts} timeouts, ${m.load.non2xx} non-2xx, ${m.load.mismatches} responses unlike the checked ones`,
        ),
    ),
    ...(scaleCheck?.problems ?? []).map((p) => `scale check: ${p}`),
    ...(initialSync?.problems ?? []).map((p) => `(e) initial sync: ${p}`),
  ];
  notes.push(
    `p50/p99 are under saturation for the reads (${options.connections} connections against one server process): compare req/s; the edit (d) runs one request at a time, so its p50 is its latency.`,
    "peak RSS: the server process's highest resident memory sampled during that row's load.",
    ...(initialSync ? INITIAL_SYNC_NOTES.map((n) => `(e) ${n}`) : []),
    ...failures.map((f) => `FAILED ${f}`),
  );

  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    totalSeconds: (performance.now() - started) / 1000,
    machine: { ...machineInfo(), loadAverage: os.loadavg() },
    options: { accounts: options.accounts, syncAccounts: options.syncAccounts, scenarios: options.scenarios, smoke: options.smoke, ...settings },
    dataset: { store: dataset.store, seedSeconds: dataset.seedSeconds, rows: dataset.rows },
    scenarios: reports,
    syncSideEffect: syncSideEffect(reports),
    scaleCheck,
    initialSync,
    notes,
  };
  writeJson(report, options.jsonPath);
  process.stdout.write(`\n${formatReport(report)}\nJSON: ${path.relative(process.cwd(), options.jsonPath) || options.jsonPath}\n`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    // TypeORM errors carry the whole statement and its parameters: the start says what went wrong.
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`bench failed: ${text.length > 4000 ? `${text.slice(0, 4000)}…` : text}`);
    process.exit(1);
  },
);
