import "reflect-metadata";
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config/config";
import { createLogger } from "../../src/http/logger";
import { startGateway, type Gateway } from "../../src/gateway";
import { SyncLink } from "../../src/links/sync-link.entity";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";
import { PAIR_MODULES, SyncPair } from "../../src/sync/sync-pair";
import { createDataset, type DatabaseTarget } from "../dataset";
import { machineInfo } from "../report";
import { openSqlStore } from "../sql-store";
import { ServerProcess } from "../servers/child-protocol";
import { EDITED_PAIRS, PAYLOAD_ENV, type ClientLog, type ClientPayload, type GatewayPayload, type SoakRecord } from "./edits";
import { checkInvariants, crmValues, type Before } from "./invariants";
import { lagReport, formatSoakReport, type SoakReport } from "./soak-report";
import { parseSoakOptions, type SoakOptions } from "./soak-options";

/**
 * `npm run bench:soak [-- --duration S --clients N --gateways N --records N --smoke]`: several client processes
 * edit both sides of a small synced organisation at once, over HTTP, while the gateways' sync workers sync; then
 * the invariants are checked and edits/s and sync lag reported. See bench/README.md, "Soak".
 */

const HOOK_SECRET = "soak-change-feed-secret";
const keysOf = (pair: SyncPair) => EDITED_PAIRS[pair].fields.map((f) => f.key);

/** An in-process gateway on the dataset, worker off: to set up before the load and to check after it. */
function openGateway(target: DatabaseTarget): Promise<Gateway> {
  const config = loadConfig(process.env, {
    port: 0, host: "127.0.0.1", sqlitePath: target.sqlitePath ?? ":memory:", databaseUrl: target.databaseUrl,
    databaseSchema: target.databaseSchema, seedDemoData: false, syncWorker: false, smtpUrl: null, logLevel: "warn",
  });
  return startGateway(config, createLogger(config));
}

/** The linked pairs to edit (the first N of each pair) and how they are before the load. */
async function prepare(target: DatabaseTarget, perPair: number): Promise<{ records: SoakRecord[]; before: Before }> {
  const gateway = await openGateway(target);
  try {
    const { services } = gateway;
    const records: SoakRecord[] = [];
    const versions = new Map<string, number>();
    for (const pair of Object.values(SyncPair)) {
      const { crmModule, fsmModule } = PAIR_MODULES[pair];
      const mappings = await services.mappings.resolved(pair);
      for (const field of EDITED_PAIRS[pair].fields) {
        const rm = mappings.find((m) => m.crm.apiName === field.key);
        if (rm?.crm.fieldName !== field.crm || rm.fsm.fieldName !== field.fsm) throw new Error(`${pair} ${field.key}: the soak's field names do not match the mapping`);
      }
      const links = await services.db.manager.find(SyncLink, { where: { crmModule, fsmModule }, order: { crmId: "ASC" }, take: perPair });
      if (links.length < perPair) throw new Error(`${pair}: only ${links.length} linked pairs in the dataset`);
      records.push(...links.map((l) => ({ pair, crmId: l.crmId, fsmId: l.fsmId })));
      for (const [store, module, ids] of [[services.crm, crmModule, links.map((l) => l.crmId)], [services.fsm, fsmModule, links.map((l) => l.fsmId)]] as const) {
        for (const r of await (store as unknown as { getMany(m: string, ids: string[]): Promise<{ id: string; version: number }[]> }).getMany(module, ids)) versions.set(r.id, r.version);
      }
    }
    const last = await services.db.manager.find(OutboxEntry, { order: { id: "DESC" }, take: 1 });
    return { records, before: { versions, values: await crmValues(services, records, keysOf), lastEntryId: last[0]?.id ?? 0 } };
  } finally {
    await gateway.stop();
  }
}

interface ClientProcess {
  ready: Promise<void>;
  start(endAt: number): void;
  done: Promise<ClientLog>;
}

/** A client child: ready once loaded; edits from start() until endAt; its log read back when it exits. */
function forkClient(payload: ClientPayload): ClientProcess {
  const child = fork(path.join(__dirname, "client.js"), [], { env: { ...process.env, NODE_ENV: "production", [PAYLOAD_ENV]: JSON.stringify(payload) }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  liveClients.add(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => {
    liveClients.delete(child);
    resolve(code);
  }));
  const ready = new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    void exited.then((code) => reject(new Error(`client ${payload.client} exited (code ${code}) before it was ready`)));
  });
  const done = exited.then((code) => {
    if (code !== 0) throw new Error(`client ${payload.client} exited with code ${code}`);
    return JSON.parse(fs.readFileSync(payload.logPath, "utf8")) as ClientLog;
  });
  return { ready, done, start: (endAt) => child.send({ endAt }) };
}

const liveClients = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of liveClients) child.kill("SIGKILL");
});

/** Waits until no outbox entry is pending, or the deadline: the seconds it took, or null if it did not drain. */
async function drain(target: DatabaseTarget, timeoutMs: number): Promise<number | null> {
  const store = openSqlStore(target);
  const started = Date.now();
  try {
    for (;;) {
      const [row] = await store.all<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "gw_outbox" WHERE "state" = 'PENDING'`, []);
      if (Number(row.n) === 0) return (Date.now() - started) / 1000;
      if (Date.now() - started > timeoutMs) return null;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await store.close();
  }
}

async function soak(options: SoakOptions, log: (line: string) => void): Promise<SoakReport> {
  const startedAt = new Date();
  log(`Soak: ${options.clients} clients × ${options.durationSeconds} s, ${options.gateways} gateway process(es), ${options.recordsPerPair} linked pairs per module pair, ${options.databaseUrl ? "PostgreSQL" : "SQLite"}`);
  const dataset = await createDataset(options.recordsPerPair, options.databaseUrl);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-soak-"));
  const gateways: ServerProcess[] = [];
  try {
    const { records, before } = await prepare(dataset.target, options.recordsPerPair);
    for (let i = 0; i < options.gateways; i += 1) {
      gateways.push(await ServerProcess.start(`gateway ${i + 1}`, path.join(__dirname, "gateway-child.js"), { target: dataset.target, hookSecret: HOOK_SECRET } satisfies GatewayPayload));
    }
    const clients = Array.from({ length: options.clients }, (_, i) => forkClient({
      client: i + 1, seed: options.seed + i, gatewayUrls: gateways.map((g) => g.url), outsideUrls: gateways.map((g) => g.extraUrls.outside),
      token: dataset.token, hookSecret: HOOK_SECRET, records, feedShare: options.feedShare, duplicateShare: options.duplicateShare,
      logPath: path.join(tmpDir, `client-${i + 1}.json`),
    }));
    await Promise.all(clients.map((c) => c.ready));
    const startAt = Date.now();
    const endAt = startAt + options.durationSeconds * 1000;
    log(`  ${records.length} linked pairs; load from ${new Date(startAt).toISOString()}`);
    clients.forEach((c) => c.start(endAt));
    const logs = await Promise.all(clients.map((c) => c.done));
    const loadSeconds = (Math.max(Date.now(), endAt) - startAt) / 1000;
    log(`  load done: ${logs.reduce((n, l) => n + l.edits.length, 0)} edits committed; draining the outbox…`);
    const drainSeconds = await drain(dataset.target, options.drainTimeoutSeconds * 1000);
    const stats = await Promise.all(gateways.map((g) => g.stats()));
    await Promise.all(gateways.map((g) => g.stop()));
    gateways.length = 0;

    const checker = await openGateway(dataset.target);
    try {
      const { results, skippedFields } = await checkInvariants(checker.services, records, logs, before, keysOf);
      const entries = await checker.services.db.manager.find(OutboxEntry);
      return {
        startedAt: startedAt.toISOString(),
        machine: machineInfo(),
        store: dataset.store,
        options: { ...options, databaseUrl: undefined },
        records: records.length,
        loadSeconds,
        drainSeconds,
        ...lagReport(logs, new Map(entries.map((e) => [e.id, e])), loadSeconds),
        peakRssBytes: stats.map((s) => s.peakRssBytes),
        sqlStatements: stats.map((s) => s.statements),
        invariants: results,
        skippedFields,
        ok: drainSeconds !== null && results.every((r) => r.ok),
      };
    } finally {
      await checker.stop();
    }
  } finally {
    await Promise.all(gateways.map((g) => g.stop().catch(() => undefined)));
    fs.rmSync(tmpDir, { recursive: true, force: true });
    await dataset.dispose();
  }
}

async function main(): Promise<void> {
  const options = parseSoakOptions(process.argv.slice(2), process.env);
  const report = await soak(options, (line) => process.stdout.write(`${line}\n`));
  fs.mkdirSync(path.dirname(options.jsonPath), { recursive: true });
  fs.writeFileSync(options.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${formatSoakReport(report)}\nJSON: ${path.relative(process.cwd(), options.jsonPath)}\n`);
  if (!report.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error && error.name === "UsageError" ? error.message : error);
  process.exit(1);
});
