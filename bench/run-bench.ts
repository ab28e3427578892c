import "reflect-metadata";
import path from "node:path";
import { parseOptions, UsageError } from "./options";
import { createDataset, type Dataset } from "./dataset";
import { ServerProcess } from "./servers/child-protocol";
import { scenarios } from "./scenarios";
import { measureScenario, type Servers } from "./measure";
import { formatReport, machineInfo, writeJson, type BenchReport, type ScenarioReport } from "./report";

/**
 * `npm run bench [-- --accounts N --duration S --smoke --json PATH]`: seeds a fresh database, starts the gateway
 * and the hand-written baseline each in a child process, loads both from here over loopback, prints a table and
 * writes the JSON report. Fails (exit 1) when the two disagree on the data or any loaded request failed.
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
  log(`seeded in ${dataset.seedSeconds.toFixed(1)} s: ${Object.entries(dataset.rows).map(([t, n]) => `${t} ${n}`).join(", ")}`);

  const reports: ScenarioReport[] = [];
  let servers: Servers | null = null;
  try {
    const gateway = await ServerProcess.start("gateway", path.join(__dirname, "servers", "gateway-server.js"), dataset.target);
    servers = { gateway, baseline: null };
    servers.baseline = await ServerProcess.start("baseline", path.join(__dirname, "servers", "baseline-server.js"), dataset.target);
    log(`gateway (pid ${gateway.pid}) at ${gateway.url}, baseline (pid ${servers.baseline.pid}) at ${servers.baseline.url}`);
    if (dataset.store === "PostgreSQL") notes.push("PostgreSQL: the baseline runs the same hand-written SQL through pg (pool of 10).");

    for (const scenario of scenarios(options.accounts)) {
      reports.push(await measureScenario(scenario, servers, dataset.token, settings, log));
    }
  } finally {
    await servers?.baseline?.stop();
    await servers?.gateway.stop();
    await dataset.dispose();
  }

  const failures = reports.flatMap((s) =>
    s.measurements
      .filter((m) => m.load.errors || m.load.timeouts || m.load.non2xx || m.load.mismatches || !m.load.requests)
      .map((m) => `${s.name}/${m.server}: ${m.load.requests} requests, ${m.load.errors} errors, ${m.load.timeouts} timeouts, ${m.load.non2xx} non-2xx, ${m.load.mismatches} responses unlike the checked one`),
  );
  notes.push("Latency percentiles have autocannon's 1 ms resolution.", ...failures.map((f) => `FAILED ${f}`));

  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    totalSeconds: (performance.now() - started) / 1000,
    machine: machineInfo(),
    options: { accounts: options.accounts, smoke: options.smoke, ...settings },
    dataset: { store: dataset.store, seedSeconds: dataset.seedSeconds, rows: dataset.rows },
    scenarios: reports,
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
