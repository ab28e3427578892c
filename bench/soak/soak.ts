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
import { SyncPair } from "../../src/sync/sync-pair";
import { PAIR_MODULES } from "../../src/modules/module-registry";
import { createDataset, type DatabaseTarget } from "../dataset";
import { machineInfo } from "../report";
import { openSqlStore } from "../sql-store";
import { ServerProcess } from "../servers/child-protocol";
import { EDITED_PAIRS, PAYLOAD_ENV, type ClientLog, type ClientPayload, type FromClient, type GatewayPayload, type SoakRecord, type ToClient } from "./edits";
import { checkInvariants, crmValues, type Before } from "./invariants";
import { lagReport, formatSoakReport, type SoakReport } from "./soak-report";
import { parseSoakOptions, type SoakOptions } from "./soak-options";
import { editedColumns, readQuietState, type EditedColumns, type QuietState } from "./quiet-state";

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
    port: 0,
    host: "127.0.0.1",
    sqlitePath: target.sqlitePath ?? ":memory:",
    databaseUrl: target.databaseUrl,
    databaseSchema: target.databaseSchema,
    seedDemoData: false,
    syncWorker: false,
    smtpUrl: null,
    logLevel: "warn",
  });
  return startGateway(config, createLogger(config));
}

/** The linked pairs to edit (the first N of each pair) and how they are before the load. */
async function prepare(target: DatabaseTarget, perPair: number): Promise<{ records: SoakRecord[]; before: Before; columns: EditedColumns }> {
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
        if (rm?.crm.fieldName !== field.crm || rm.fsm.fieldName !== field.fsm)
          throw new Error(`${pair} ${field.key}: the soak's field names do not match the mapping`);
      }
      const links = await services.db.manager.find(SyncLink, { where: { crmModule, fsmModule }, order: { crmId: "ASC" }, take: perPair });
      if (links.length < perPair) throw new Error(`${pair}: only ${links.length} linked pairs in the dataset`);
      records.push(...links.map((l) => ({ pair, crmId: l.crmId, fsmId: l.fsmId })));
      for (const [store, module, ids] of [
        [services.crm, crmModule, links.map((l) => l.crmId)],
        [services.fsm, fsmModule, links.map((l) => l.fsmId)],
      ] as const) {
        for (const r of await (store as unknown as { getMany(m: string, ids: string[]): Promise<{ id: string; version: number }[]> }).getMany(module, ids))
          versions.set(r.id, r.version);
      }
    }
    const last = await services.db.manager.find(OutboxEntry, { order: { id: "DESC" }, take: 1 });
    return {
      records,
      before: { versions, values: await crmValues(services, records, keysOf), lastEntryId: last[0]?.id ?? 0 },
      columns: editedColumns(services.db.dataSource),
    };
  } finally {
    await gateway.stop();
  }
}

interface ClientProcess {
  ready: Promise<void>;
  /** Edits until endAt; resolves once the client is idle again. */
  round(endAt: number): Promise<void>;
  /** Ends the client; its log. */
  finish(): Promise<ClientLog>;
}

function forkClient(payload: ClientPayload): ClientProcess {
  const child = fork(path.join(__dirname, "client.js"), [], {
    env: { ...process.env, NODE_ENV: "production", [PAYLOAD_ENV]: JSON.stringify(payload) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  liveClients.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      liveClients.delete(child);
      resolve(code);
    }),
  );
  const died = exited.then((code) => Promise.reject(new Error(`client ${payload.client} exited early (code ${code})`)));
  died.catch(() => undefined);
  const next = (type: FromClient["type"]) =>
    Promise.race([
      died,
      new Promise<void>((resolve) => {
        const on = (message: FromClient) => {
          if (message.type !== type) return;
          child.off("message", on);
          resolve();
        };
        child.on("message", on);
      }),
    ]);
  const send = (message: ToClient) => child.send(message);
  return {
    ready: next("ready"),
    round: (endAt) => {
      const idle = next("idle");
      send({ type: "round", endAt });
      return idle;
    },
    finish: async () => {
      send({ type: "finish" });
      const code = await exited;
      if (code !== 0) throw new Error(`client ${payload.client} exited with code ${code}`);
      return JSON.parse(fs.readFileSync(payload.logPath, "utf8")) as ClientLog;
    },
  };
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
  log(
    `Soak: ${options.clients} clients × ${options.durationSeconds} s, ${options.gateways} gateway process(es), ${options.recordsPerPair} linked pairs per module pair, ${options.databaseUrl ? "PostgreSQL" : "SQLite"}`,
  );
  const dataset = await createDataset(options.recordsPerPair, options.databaseUrl);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-soak-"));
  const gateways: ServerProcess[] = [];
  try {
    const { records, before, columns } = await prepare(dataset.target, options.recordsPerPair);
    for (let i = 0; i < options.gateways; i += 1) {
      gateways.push(
        await ServerProcess.start(`gateway ${i + 1}`, path.join(__dirname, "gateway-child.js"), {
          target: dataset.target,
          hookSecret: HOOK_SECRET,
        } satisfies GatewayPayload),
      );
    }
    const clients = Array.from({ length: options.clients }, (_, i) =>
      forkClient({
        client: i + 1,
        seed: options.seed + i,
        gatewayUrls: gateways.map((g) => g.url),
        outsideUrls: gateways.map((g) => g.extraUrls.outside),
        token: dataset.token,
        hookSecret: HOOK_SECRET,
        records,
        feedShare: options.feedShare,
        duplicateShare: options.duplicateShare,
        announceDelayMs: options.announceDelayMs,
        logPath: path.join(tmpDir, `client-${i + 1}.json`),
      }),
    );
    await Promise.all(clients.map((c) => c.ready));
    log(`  ${records.length} linked pairs; ${options.rounds} round(s) of ${options.durationSeconds / options.rounds} s from ${new Date().toISOString()}`);
    const quiet: QuietState[] = [];
    let loadSeconds = 0;
    let drainSeconds: number | null = null;
    for (let round = 1; round <= options.rounds; round += 1) {
      const startAt = Date.now();
      await Promise.all(clients.map((c) => c.round(startAt + (options.durationSeconds * 1000) / options.rounds)));
      loadSeconds += (Date.now() - startAt) / 1000;
      // All clients idle: once the outbox is empty, both sides must show the last writes.
      drainSeconds = await drain(dataset.target, options.drainTimeoutSeconds * 1000);
      quiet.push(await readQuietState(dataset.target, columns, records, round, drainSeconds !== null));
      if (drainSeconds === null) break;
    }
    const logs = await Promise.all(clients.map((c) => c.finish()));
    log(`  load done: ${logs.reduce((n, l) => n + l.edits.length, 0)} edits committed`);
    const stats = await Promise.all(gateways.map((g) => g.stats()));
    await Promise.all(gateways.map((g) => g.stop()));
    gateways.length = 0;

    const checker = await openGateway(dataset.target);
    try {
      const { results, skippedFields } = await checkInvariants(checker.services, records, logs, before, keysOf, quiet);
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
