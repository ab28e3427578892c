import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import {
  CreateAccountDocument,
  CreateCompanyDocument,
  CreateCrmContactDocument,
  CreateFsmContactDocument,
  CreateProductDocument,
  SyncRunCountsDocument,
  SyncRunDocument,
  SyncRunsDocument,
  UpdateAccountDocument,
  UpdateCompanyDocument,
  UpdateFsmContactDocument,
} from "../generated/graphql";
import { SyncEvent, SyncFlow, SyncStatus } from "../../src/sync/history/sync-event.entity";
import { SyncRun, SyncRunKind } from "../../src/sync/history/sync-run.entity";
import { dailyRunId } from "../../src/sync/history/sync-history";
import { SyncPair } from "../../src/sync/sync-pair";
import { SyncReason } from "../../src/sync/sync-reason";

const COLUMNS = ["Time", "Sync Id", "Log Id", "Direction", "Pair", "Operation", "CRM Record Id", "FSM Record Id", "Reason", "Message"];
const OLD_RUN = "SYNC-20200101";

/** RFC 4180, enough to read back what the gateway wrote: quoted cells, doubled quotes, CRLF or LF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== "," && c !== "\n" && c !== "\r")) cell += c;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    }
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The CSV as records keyed by column, after checking the header. */
function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual(COLUMNS);
  return rows.map((cells) => Object.fromEntries(COLUMNS.map((column, i) => [column, cells[i]])));
}

describe("sync history: runs, counts per direction, failure groups and CSV logs", () => {
  let t: TestGateway;
  let runId: string;
  const ids: Record<string, string> = {};
  const get = (path: string, token?: string) => fetch(new URL(path, t.url), { headers: token ? { authorization: `Bearer ${token}` } : {} });

  /** Real syncs both ways: synced, skipped (no mapped change) and failed for three different reasons. */
  async function produceSyncEvents() {
    const user = t.standard.token;
    const acme = (await query(t.url, CreateAccountDocument, { input: { accountName: "Acme" } }, user)).createAccount;
    expect(acme.sync).toMatchObject({ status: "SYNCED", reason: "COUNTERPART_CREATED" });
    ids.acme = acme.record!.id;
    ids.acmeCompany = acme.sync.fsmId!;
    expect((await query(t.url, CreateAccountDocument, { input: { accountName: "Globex" } }, user)).createAccount.sync.status).toBe("SYNCED");
    const edit = await query(t.url, UpdateAccountDocument, { id: ids.acme, input: { industry: "Retail" } }, user);
    expect(edit.updateAccount.sync).toMatchObject({ status: "SKIPPED", reason: "NO_CHANGES" });
    for (const productName of ["Drill", "Saw"]) {
      const { createProduct } = await query(t.url, CreateProductDocument, { input: { productName } }, user);
      expect(createProduct.sync).toMatchObject({ status: "FAILED", reason: "MANDATORY_NOT_FOUND" });
      ids[productName] = createProduct.record!.id;
    }
    const contact = { lastName: "Lovelace", email: "ada@acme.example", accountId: ids.acme };
    expect((await query(t.url, CreateCrmContactDocument, { input: contact }, user)).createCrmContact.sync.status).toBe("SYNCED");
    const twin = (await query(t.url, CreateCrmContactDocument, { input: { ...contact, lastName: "Twin" } }, user)).createCrmContact;
    expect(twin.sync).toMatchObject({ status: "FAILED", reason: "DUPLICATE_DATA" });
    ids.twin = twin.record!.id;

    const initech = (await query(t.url, CreateCompanyDocument, { input: { companyName: "Initech" } }, user)).createCompany;
    expect(initech.sync).toMatchObject({ status: "SYNCED", reason: "COUNTERPART_CREATED" });
    const bob = (
      await query(t.url, CreateFsmContactDocument, { input: { lastName: "Bob", email: "bob@initech.example", companyId: initech.record!.id } }, user)
    ).createFsmContact;
    expect(bob.sync.status).toBe("SYNCED");
    ids.bob = bob.record!.id;
    const same = await query(t.url, UpdateCompanyDocument, { id: initech.record!.id, input: { companyName: "Initech" } }, user);
    expect(same.updateCompany.sync).toMatchObject({ status: "SKIPPED", reason: "NO_CHANGES" });
    const move = await query(t.url, UpdateFsmContactDocument, { id: ids.bob, input: { companyId: ids.acmeCompany } }, user);
    expect(move.updateFsmContact.sync).toMatchObject({ status: "FAILED", reason: "COMPANY_CHANGE_NOT_ALLOWED" });
  }

  /** An older run, written directly: history cannot be made in the past through the API. */
  async function insertOldRun() {
    const m = t.services.db.manager;
    const started = new Date("2020-01-01T00:00:00Z");
    await m.insert(SyncRun, { id: OLD_RUN, kind: SyncRunKind.DAILY, startedTime: started, endsTime: new Date("2020-01-02T00:00:00Z") });
    const base = {
      runId: OLD_RUN,
      entryId: null,
      pair: SyncPair.PRODUCTS_SERVICES_AND_PARTS,
      flow: SyncFlow.FSM_TO_CRM,
      operation: "UPDATE",
      crmId: randomUUID(),
      fsmId: randomUUID(),
      skippedPersonalFields: 0,
      conflicts: null,
      time: started,
    };
    await m.insert(SyncEvent, [
      { ...base, id: randomUUID(), status: SyncStatus.SYNCED, reason: null, message: null },
      {
        ...base,
        id: randomUUID(),
        status: SyncStatus.FAILED,
        reason: SyncReason.INVALID_DATA,
        message: 'type: the value is not one of Type\'s values (Service, "Part")',
      },
    ]);
  }

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    await produceSyncEvents();
    await insertOldRun();
    runId = dailyRunId(new Date());
  });
  afterAll(() => t.stop());

  it("lists runs newest first with counts per direction, and pages back with `before`", async () => {
    const { syncRuns } = await query(t.url, SyncRunsDocument, {}, t.admin.token);
    expect(syncRuns.map((r) => r.id)).toEqual([runId, OLD_RUN]);
    expect(syncRuns[0]).toMatchObject({ kind: "DAILY", failuresDownloadUrl: `/sync-history/${runId}/failures.csv` });
    expect(syncRuns[0].counts).toEqual([
      { flow: "CRM_TO_FSM", synced: 3, skipped: 1, failed: 3 },
      { flow: "FSM_TO_CRM", synced: 2, skipped: 1, failed: 1 },
    ]);
    expect(syncRuns[1].counts).toEqual([
      { flow: "CRM_TO_FSM", synced: 0, skipped: 0, failed: 0 },
      { flow: "FSM_TO_CRM", synced: 1, skipped: 0, failed: 1 },
    ]);
    const older = await query(t.url, SyncRunsDocument, { before: syncRuns[0].startedTime }, t.admin.token);
    expect(older.syncRuns.map((r) => r.id)).toEqual([OLD_RUN]);
    expect((await query(t.url, SyncRunsDocument, { first: 1 }, t.admin.token)).syncRuns.map((r) => r.id)).toEqual([runId]);
  });

  it("loads the counts of every listed run in one batch", async () => {
    const statementsFor = async (first: number) => {
      await query(t.url, SyncRunCountsDocument, { first }, t.admin.token); // token bookkeeping stays out of the count
      const before = t.gateway.queryCounter.count;
      const { syncRuns } = await query(t.url, SyncRunCountsDocument, { first }, t.admin.token);
      expect(syncRuns).toHaveLength(first);
      return t.gateway.queryCounter.count - before;
    };
    expect(await statementsFor(2)).toBe(await statementsFor(1));
  });

  it("groups a run's failures by reason, each with its Log Id and download", async () => {
    const { syncRun } = await query(t.url, SyncRunDocument, { id: runId }, t.admin.token);
    expect(syncRun.failureGroups).toEqual([
      {
        logId: "COMPANY_CHANGE_NOT_ALLOWED",
        reason: "COMPANY_CHANGE_NOT_ALLOWED",
        count: 1,
        downloadUrl: `/sync-history/${runId}/logs/COMPANY_CHANGE_NOT_ALLOWED.csv`,
      },
      { logId: "DUPLICATE_DATA", reason: "DUPLICATE_DATA", count: 1, downloadUrl: `/sync-history/${runId}/logs/DUPLICATE_DATA.csv` },
      { logId: "MANDATORY_NOT_FOUND", reason: "MANDATORY_NOT_FOUND", count: 2, downloadUrl: `/sync-history/${runId}/logs/MANDATORY_NOT_FOUND.csv` },
    ]);
    expect(syncRun.failures.map((f) => [f.reason, f.flow, f.crmId ?? f.fsmId])).toEqual([
      ["MANDATORY_NOT_FOUND", "CRM_TO_FSM", ids.Drill],
      ["MANDATORY_NOT_FOUND", "CRM_TO_FSM", ids.Saw],
      ["DUPLICATE_DATA", "CRM_TO_FSM", ids.twin],
      ["COMPANY_CHANGE_NOT_ALLOWED", "FSM_TO_CRM", expect.any(String)],
    ]);
    expect(syncRun.failures.every((f) => f.status === "FAILED" && f.runId === runId && f.message)).toBe(true);
    expect(syncRun.failures[3]).toMatchObject({ fsmId: ids.bob, pair: "CONTACTS_CONTACTS", operation: "UPDATE" });

    const narrowed = await query(t.url, SyncRunDocument, { id: runId, reason: "MANDATORY_NOT_FOUND" }, t.admin.token);
    expect(narrowed.syncRun.failures.map((f) => f.crmId)).toEqual([ids.Drill, ids.Saw]);
  });

  it("downloads every failure of a run as CSV, ids and messages only", async () => {
    const response = await get(`/sync-history/${runId}/failures.csv`, t.admin.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename=${runId}-failures.csv`);
    const text = await response.text();
    const records = csvRecords(text);
    expect(records.map((r) => [r["Log Id"], r.Reason, r.Direction, r["CRM Record Id"]])).toEqual([
      ["MANDATORY_NOT_FOUND", "MANDATORY_NOT_FOUND", "CRM to FSM", ids.Drill],
      ["MANDATORY_NOT_FOUND", "MANDATORY_NOT_FOUND", "CRM to FSM", ids.Saw],
      ["DUPLICATE_DATA", "DUPLICATE_DATA", "CRM to FSM", ids.twin],
      ["COMPANY_CHANGE_NOT_ALLOWED", "COMPANY_CHANGE_NOT_ALLOWED", "FSM to CRM", expect.any(String)],
    ]);
    expect(records[0]).toMatchObject({ "Sync Id": runId, Pair: "Products / Services_And_Parts", Operation: "CREATE", "FSM Record Id": "" });
    expect(records[3]).toMatchObject({ Pair: "Contacts / Contacts", Operation: "UPDATE", "FSM Record Id": ids.bob });
    expect(records.every((r) => !Number.isNaN(Date.parse(r.Time)) && r.Message.length > 0)).toBe(true);
    expect(text).not.toMatch(/ada@acme\.example|bob@initech\.example|Lovelace|Drill|Saw/);
  });

  it("downloads one reason group by its Log Id, quoting what needs quoting", async () => {
    const { syncRun } = await query(t.url, SyncRunDocument, { id: runId }, t.admin.token);
    const group = syncRun.failureGroups.find((g) => g.logId === "MANDATORY_NOT_FOUND")!;
    const response = await get(group.downloadUrl, t.admin.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename=${runId}-MANDATORY_NOT_FOUND.csv`);
    const records = csvRecords(await response.text());
    expect(records).toHaveLength(group.count);
    expect(records.map((r) => r["CRM Record Id"])).toEqual([ids.Drill, ids.Saw]);
    expect(records[0].Message).toContain("Unit_Price");

    const old = csvRecords(await (await get(`/sync-history/${OLD_RUN}/logs/INVALID_DATA.csv`, t.admin.token)).text());
    expect(old).toEqual([
      expect.objectContaining({
        "Sync Id": OLD_RUN,
        "Log Id": "INVALID_DATA",
        Direction: "FSM to CRM",
        Message: 'type: the value is not one of Type\'s values (Service, "Part")',
      }),
    ]);
  });

  it("keeps the history from Standard users: FORBIDDEN in GraphQL, 403 on the CSVs", async () => {
    for (const response of [
      await execute(t.url, SyncRunsDocument, {}, t.standard.token),
      await execute(t.url, SyncRunDocument, { id: runId }, t.standard.token),
    ]) {
      expect(response.data).toBeNull();
      expect(response.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    }
    for (const path of [`/sync-history/${runId}/failures.csv`, `/sync-history/${runId}/logs/DUPLICATE_DATA.csv`]) {
      const response = await get(path, t.standard.token);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "FORBIDDEN" } }] });
    }
  });

  it("refuses downloads without a valid bearer token with 401", async () => {
    for (const token of [undefined, "gw_not-a-real-token"]) {
      const response = await get(`/sync-history/${runId}/failures.csv`, token);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
    }
    expect((await execute(t.url, SyncRunsDocument, {})).status).toBe(401);
  });

  it("answers unknown Sync Ids and Log Ids with NOT_FOUND / 404", async () => {
    const missing = await execute(t.url, SyncRunDocument, { id: "SYNC-19990101" }, t.admin.token);
    expect(missing.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" }, path: ["syncRun"] });
    for (const path of [
      "/sync-history/SYNC-19990101/failures.csv",
      "/sync-history/SYNC-19990101/logs/DUPLICATE_DATA.csv",
      `/sync-history/${runId}/logs/INVALID_DATA.csv`,
      `/sync-history/${runId}/logs/not-a-log.csv`,
    ]) {
      const response = await get(path, t.admin.token);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "NOT_FOUND" } }] });
    }
  });
});
