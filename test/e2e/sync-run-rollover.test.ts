import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import {
  AccountLatestSyncDocument,
  CompanyLatestSyncDocument,
  CreateAccountDocument,
  CreateCompanyDocument,
  DailyRunDocument,
  DailyRunsDocument,
  UpdateAccountDocument,
  UpdateCompanyDocument,
} from "../generated/graphql";
import { ManualClock } from "../../src/common/clock";
import { utcDay } from "../../src/sync/history/sync-history";

const MINUTE = 60_000;
const DAY1 = "SYNC-20260301";
const DAY2 = "SYNC-20260302";
const DAY5 = "SYNC-20260305";

type Counts = { flow: string; synced: number; skipped: number; failed: number };
const counts = (crmToFsm: Partial<Counts> = {}, fsmToCrm: Partial<Counts> = {}): Counts[] => [
  { flow: "CRM_TO_FSM", synced: 0, skipped: 0, failed: 0, ...crmToFsm },
  { flow: "FSM_TO_CRM", synced: 0, skipped: 0, failed: 0, ...fsmToCrm },
];
const dailyRun = (id: string, day: string, closedTime: string | null, runCounts = counts()) => {
  const start = new Date(`${day}T00:00:00Z`);
  return { id, kind: "DAILY", startedTime: start.toISOString(), endsTime: utcDay(start).end.toISOString(), closedTime, counts: runCounts };
};

describe("daily sync runs: at each UTC midnight the day's run is closed and the next one opened", () => {
  const clock = new ManualClock("2026-03-01T23:59:00Z");
  let t: TestGateway;
  const ids: Record<string, string> = {};
  const runs = async () => (await query(t.url, DailyRunsDocument, {}, t.admin.token)).syncRuns;
  const rollover = () => t.services.runScheduler.rollover(clock.now());
  const day1Counts = counts({ synced: 1, skipped: 1 }, { synced: 1 });

  beforeAll(async () => {
    // With the sync worker (the default), so the gateway starts the scheduler as it would in production.
    t = await startTestGateway({}, { clock });
  });
  afterAll(() => t?.stop());

  it("opens the day's run at start-up, before anything synced, and schedules the next rollover for the next UTC midnight", async () => {
    expect(await runs()).toEqual([dailyRun(DAY1, "2026-03-01", null)]);
    // The timer runs on real time (the manual clock only feeds what each rollover records).
    const before = utcDay(new Date()).end.getTime();
    const next = t.services.runScheduler.nextRun()?.getTime();
    expect([before, utcDay(new Date()).end.getTime()]).toContain(next);
  });

  it("records the day's syncs, both ways, in the day's run", async () => {
    const user = t.standard.token;
    const acme = (await query(t.url, CreateAccountDocument, { input: { accountName: "Acme" } }, user)).createAccount;
    expect(acme.sync).toMatchObject({ status: "SYNCED", reason: "COUNTERPART_CREATED" });
    ids.acme = acme.record!.id;
    ids.acmeCompany = acme.sync.fsmId!;
    const rename = await query(t.url, UpdateCompanyDocument, { id: ids.acmeCompany, input: { companyName: "Acme Ltd" } }, user);
    expect(rename.updateCompany.sync.status).toBe("SYNCED");
    const unmapped = await query(t.url, UpdateAccountDocument, { id: ids.acme, input: { industry: "Retail" } }, user);
    expect(unmapped.updateAccount.sync).toMatchObject({ status: "SKIPPED", reason: "NO_CHANGES" });

    const { account } = await query(t.url, AccountLatestSyncDocument, { id: ids.acme }, t.admin.token);
    expect(account.syncStatus).toMatchObject({ runId: DAY1, time: "2026-03-01T23:59:00.000Z" });
    expect((await query(t.url, DailyRunDocument, { id: DAY1 }, t.admin.token)).syncRun).toEqual(dailyRun(DAY1, "2026-03-01", null, day1Counts));
  });

  it("past midnight, closes the ended day's run and opens the new day's, before anything syncs in it", async () => {
    clock.advance(2 * MINUTE); // 2026-03-02T00:01:00Z
    expect(await rollover()).toEqual({ openRunId: DAY2, closedRunIds: [DAY1] });
    expect(await runs()).toEqual([dailyRun(DAY2, "2026-03-02", null), dailyRun(DAY1, "2026-03-01", "2026-03-02T00:01:00.000Z", day1Counts)]);
  });

  it("puts the new day's syncs into the new run; the closed run keeps its counts", async () => {
    clock.advance(MINUTE);
    const user = t.standard.token;
    const rename = await query(t.url, UpdateAccountDocument, { id: ids.acme, input: { accountName: "Acme Global" } }, user);
    expect(rename.updateAccount.sync.status).toBe("SYNCED");
    const initech = (await query(t.url, CreateCompanyDocument, { input: { companyName: "Initech" } }, user)).createCompany;
    expect(initech.sync).toMatchObject({ status: "SYNCED", reason: "COUNTERPART_CREATED" });
    const same = await query(t.url, UpdateCompanyDocument, { id: initech.record!.id, input: { companyName: "Initech" } }, user);
    expect(same.updateCompany.sync).toMatchObject({ status: "SKIPPED", reason: "NO_CHANGES" });

    const { account } = await query(t.url, AccountLatestSyncDocument, { id: ids.acme }, t.admin.token);
    expect(account.syncStatus).toMatchObject({ runId: DAY2, flow: "CRM_TO_FSM", status: "SYNCED", time: "2026-03-02T00:02:00.000Z" });
    const { company } = await query(t.url, CompanyLatestSyncDocument, { id: initech.record!.id }, t.admin.token);
    expect(company.syncStatus).toMatchObject({ runId: DAY2, flow: "FSM_TO_CRM" });

    expect(await runs()).toEqual([
      dailyRun(DAY2, "2026-03-02", null, counts({ synced: 1 }, { synced: 1, skipped: 1 })),
      dailyRun(DAY1, "2026-03-01", "2026-03-02T00:01:00.000Z", day1Counts),
    ]);
  });

  it("is harmless to repeat: further rollovers the same day change nothing", async () => {
    const before = await runs();
    clock.advance(MINUTE);
    expect(await rollover()).toEqual({ openRunId: DAY2, closedRunIds: [] });
    expect(await rollover()).toEqual({ openRunId: DAY2, closedRunIds: [] });
    expect(await runs()).toEqual(before);
  });

  it("after days without a rollover, closes every ended run exactly once, however many rollovers race", async () => {
    clock.set("2026-03-05T08:00:00Z");
    // A sync opens the day's run first (the scheduler missed midnight): nothing then serialises the racers on its insert.
    const edit = await query(t.url, UpdateAccountDocument, { id: ids.acme, input: { accountName: "Acme Worldwide" } }, t.standard.token);
    expect(edit.updateAccount.sync.status).toBe("SYNCED");
    // Several gateways' schedulers at once: on PostgreSQL these are concurrent transactions on the pool.
    const results = await Promise.all([rollover(), rollover(), rollover()]);
    expect(results.map((r) => r.openRunId)).toEqual([DAY5, DAY5, DAY5]);
    expect(results.flatMap((r) => r.closedRunIds)).toEqual([DAY2]);
    const listed = await runs();
    expect(listed.map((r) => [r.id, r.closedTime])).toEqual([
      [DAY5, null],
      [DAY2, "2026-03-05T08:00:00.000Z"],
      [DAY1, "2026-03-02T00:01:00.000Z"],
    ]);
    expect(listed[0]).toEqual(dailyRun(DAY5, "2026-03-05", null, counts({ synced: 1 })));
  });
});
