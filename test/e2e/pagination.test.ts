import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import { WorkOrdersDocument, type WorkOrdersQuery, type WorkOrdersQueryVariables } from "../generated/graphql";

describe("cursor pagination, filters, sort and total count", () => {
  let t: TestGateway;
  let companyId: string;
  const actor = () => ({ userId: t.admin.user.id });

  beforeAll(async () => {
    t = await startTestGateway();
    const company = await t.services.fsm.create("Companies", { companyName: "Paging Co" }, actor());
    companyId = company.id;
    // Created in one batch: every row has the same modified time, so order falls back to the id.
    await t.services.fsm.createMany(
      "Work_Orders",
      Array.from({ length: 23 }, (_, i) => ({ summary: `Batch ${i}`, status: i % 2 ? "New" : "Completed", companyId })),
      actor(),
    );
    for (let i = 0; i < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await t.services.fsm.create("Work_Orders", { summary: `Later ${i}`, status: "New" }, actor());
    }
  });
  afterAll(() => t.stop());

  async function allPages(variables: WorkOrdersQueryVariables) {
    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (let page = 0; page < 20; page += 1) {
      const { workOrders }: WorkOrdersQuery = await query(t.url, WorkOrdersDocument, { ...variables, after }, t.standard.token);
      seen.push(...workOrders.nodes.map((n) => n.id));
      if (!workOrders.pageInfo.hasNextPage) return { seen, totalCount: workOrders.totalCount };
      after = workOrders.pageInfo.endCursor;
    }
    throw new Error("pagination did not end");
  }

  it("walks every record exactly once, newest first, in pages", async () => {
    const { seen, totalCount } = await allPages({ first: 7 });
    expect(totalCount).toBe(26);
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
    const { workOrders } = await query(t.url, WorkOrdersDocument, { first: 3 }, t.standard.token);
    expect(workOrders.nodes.map((n) => n.summary)).toEqual(["Later 2", "Later 1", "Later 0"]);
    const times = workOrders.nodes.map((n) => Date.parse(n.modifiedTime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("walks oldest first with sort: ASC, the exact reverse", async () => {
    const desc = await allPages({ first: 5, sort: "DESC" });
    const asc = await allPages({ first: 5, sort: "ASC" });
    expect(asc.seen).toEqual([...desc.seen].reverse());
  });

  it("pages a filtered list and counts only matching records", async () => {
    const { seen, totalCount } = await allPages({ first: 4, filter: { status: "New", companyId } });
    expect(totalCount).toBe(11);
    expect(new Set(seen).size).toBe(11);
  });

  it("moves an edited record to the front", async () => {
    const { workOrders } = await query(t.url, WorkOrdersDocument, { first: 1, sort: "ASC" }, t.standard.token);
    const oldest = workOrders.nodes[0];
    await t.services.fsm.update("Work_Orders", oldest.id, { status: "Scheduled" }, actor());
    const after = await query(t.url, WorkOrdersDocument, { first: 1 }, t.standard.token);
    expect(after.workOrders.nodes[0]).toMatchObject({ id: oldest.id, status: "Scheduled" });
  });

  it("filters by modified time", async () => {
    const { workOrders } = await query(t.url, WorkOrdersDocument, { first: 50 }, t.standard.token);
    const newest = workOrders.nodes[0].modifiedTime;
    const { workOrders: recent } = await query(t.url, WorkOrdersDocument, { first: 50, filter: { modifiedBefore: newest } }, t.standard.token);
    expect(recent.totalCount).toBe(25);
  });

  it("refuses a page size out of range and a forged cursor, naming the argument", async () => {
    const tooBig = await execute(t.url, WorkOrdersDocument, { first: 1000 }, t.standard.token);
    expect(tooBig.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "first" } });
    expect(tooBig.errors?.[0].message).toContain("first");
    const zero = await execute(t.url, WorkOrdersDocument, { first: 0 }, t.standard.token);
    expect(zero.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const forged = await execute(t.url, WorkOrdersDocument, { first: 5, after: "not-a-cursor" }, t.standard.token);
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "after" } });
    expect(forged.errors?.[0].message).toContain("after");
  });
});
