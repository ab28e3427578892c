import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObjectLiteral } from "typeorm";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { buildSmallOrg } from "../support/small-org";
import { DemoOrgSeeder } from "../../src/seed/seed-demo-org";
import { DEMO_SCALE } from "../../src/seed/demo-scale";
import { ENTITIES } from "../../src/db/entities";
import { SyncLink } from "../../src/links/sync-link.entity";

const byId = (a: ObjectLiteral, b: ObjectLiteral) => (a.id < b.id ? -1 : 1);

describe("entity reader", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    await buildSmallOrg(t.services, t.admin.user.id);
    await new DemoOrgSeeder(t.services, { ...DEMO_SCALE, accounts: 5, fsmWorkShare: 1, parentedShare: 1 }, { userId: t.admin.user.id }).run();
  });
  afterAll(() => t.stop());

  it("reads every entity exactly as TypeORM's find does (same class, same values, nulls and embedded objects)", async () => {
    const { db } = t.services;
    let compared = 0;
    for (const entity of ENTITIES) {
      const expected = (await db.manager.find(entity)) as ObjectLiteral[];
      if (!expected.length || !("id" in expected[0])) continue;
      const read = await db.reader.findIn(entity, { in: { property: "id", values: expected.map((row) => row.id as string) } });
      expect(read.sort(byId)).toStrictEqual(expected.sort(byId));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(15);
  });

  it("narrows by equal columns and reads each key once, in one statement, however often it is asked for", async () => {
    const { db } = t.services;
    const accountLinks = await db.manager.findBy(SyncLink, { crmModule: "Accounts" });
    const ids = accountLinks.map((link) => link.crmId);
    expect(ids.length).toBeGreaterThan(2);
    const before = t.gateway.queryCounter.count;
    const read = await db.reader.findIn(SyncLink, { equals: { crmModule: "Accounts" }, in: { property: "crmId", values: [...ids, ...ids] } });
    expect(t.gateway.queryCounter.count - before).toBe(1);
    expect(read.sort(byId)).toStrictEqual(accountLinks.sort(byId));
    expect(await db.reader.findIn(SyncLink, { equals: { crmModule: "Contacts" }, in: { property: "crmId", values: ids } })).toEqual([]);
    expect(await db.reader.findIn(SyncLink, { in: { property: "crmId", values: [] } })).toEqual([]);
  });
});
