import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import { buildSmallOrg, type SmallOrg } from "../support/small-org";
import {
  ConvertedEstimateDocument,
  ConvertedRequestDocument,
  ConvertedWorkOrderDocument,
  DealRelatedListsDocument,
  LinkableFsmRecordsDocument,
  LinkToParentDocument,
  SalesOrderRelatedListsDocument,
  UnlinkFromParentDocument,
} from "../generated/graphql";
import { ParentLink } from "../../src/links/parent-link.entity";

const UNKNOWN = "00000000-0000-0000-0000-000000000000";

describe("linking FSM records to one Deal or Sales Order", () => {
  let t: TestGateway;
  let org: SmallOrg;
  const user = () => t.standard.token;
  const actor = { userId: "test" };

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    org = await buildSmallOrg(t.services, t.admin.user.id);
  });
  afterAll(() => t.stop());

  const link = (fsmModule: "Requests" | "Estimates" | "Work_Orders", fsmId: string, parentModule: "Deals" | "Sales_Orders", parentId: string, token = user()) =>
    execute(t.url, LinkToParentDocument, { fsmModule, fsmId, parentModule, parentId }, token);
  const unlink = (fsmModule: "Requests" | "Estimates" | "Work_Orders", fsmId: string) => execute(t.url, UnlinkFromParentDocument, { fsmModule, fsmId }, user());
  const readRequest = async (id: string) => (await query(t.url, ConvertedRequestDocument, { id }, user())).request;
  const dealLists = async (id = org.deal.id) => (await query(t.url, DealRelatedListsDocument, { id }, user())).deal;
  const orderLists = async (id = org.salesOrder.id) => (await query(t.url, SalesOrderRelatedListsDocument, { id }, user())).salesOrder;
  const ids = (records: { id: string }[]) => records.map((r) => r.id);

  it("links, unlinks and relinks a Request, with related lists and timeline following", async () => {
    const request = await t.services.fsm.create("Requests", { summary: "Leaking tap", companyId: org.company.id }, actor);

    const linked = await link("Requests", request.id, "Deals", org.deal.id);
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.linkToParent).toMatchObject({
      fsmModule: "Requests",
      fsmId: request.id,
      parentModule: "Deals",
      parentId: org.deal.id,
      createdBy: t.standard.user.id,
    });
    expect(await readRequest(request.id)).toMatchObject({
      parentLink: { parentModule: "Deals", parentId: org.deal.id },
      deal: { id: org.deal.id, dealName: "Acme maintenance contract" },
      salesOrder: null,
    });
    expect(ids((await dealLists()).requests)).toContain(request.id);

    const unlinked = await unlink("Requests", request.id);
    expect(unlinked.data!.unlinkFromParent).toMatchObject({ id: linked.data!.linkToParent.id, parentModule: "Deals", parentId: org.deal.id });
    expect(await readRequest(request.id)).toMatchObject({ parentLink: null, deal: null, salesOrder: null });
    expect(ids((await dealLists()).requests)).not.toContain(request.id);

    const relinked = await link("Requests", request.id, "Sales_Orders", org.salesOrder.id);
    expect(relinked.errors).toBeUndefined();
    const after = await readRequest(request.id);
    expect(after).toMatchObject({
      parentLink: { parentModule: "Sales_Orders", parentId: org.salesOrder.id },
      salesOrder: { id: org.salesOrder.id, subject: "SO-ACME-1" },
      deal: null,
    });
    expect(ids((await orderLists()).requests)).toContain(request.id);
    expect(await t.services.db.manager.countBy(ParentLink, { fsmId: request.id })).toBe(1);

    const kinds = after.timeline.map((e) => e.kind).sort();
    expect(kinds).toEqual(["LINKED_TO", "LINKED_TO", "UNLINKED_FROM"]);
    expect(after.timeline.find((e) => e.kind === "LINKED_TO" && e.message.includes("Acme maintenance contract"))).toBeDefined();
    expect(after.timeline.find((e) => e.message.includes("SO-ACME-1"))).toMatchObject({ kind: "LINKED_TO" });
    // The unlink entry names the parent it left, by name and id.
    expect(after.timeline.find((e) => e.kind === "UNLINKED_FROM")!.message).toBe(`Unlinked from CRM Deal "Acme maintenance contract" (${org.deal.id})`);
  });

  it("links an existing Estimate to a Sales Order and a Work Order to a Deal", async () => {
    const estimate = await t.services.fsm.create("Estimates", { summary: "Loose estimate", companyId: org.company.id }, actor);
    const workOrder = await t.services.fsm.create("Work_Orders", { summary: "Loose work order", companyId: org.company.id }, actor);
    expect((await link("Estimates", estimate.id, "Sales_Orders", org.salesOrder.id)).errors).toBeUndefined();
    expect((await link("Work_Orders", workOrder.id, "Deals", org.deal.id)).errors).toBeUndefined();
    expect(ids((await orderLists()).estimates)).toContain(estimate.id);
    expect(ids((await dealLists()).workOrders)).toContain(workOrder.id);
    const { estimate: readEstimate } = await query(t.url, ConvertedEstimateDocument, { id: estimate.id }, user());
    expect(readEstimate.salesOrder).toEqual({ id: org.salesOrder.id, subject: "SO-ACME-1" });
    expect(readEstimate.timeline).toEqual([expect.objectContaining({ kind: "LINKED_TO", message: expect.stringContaining('Sales Order "SO-ACME-1"') })]);
    const { workOrder: readWorkOrder } = await query(t.url, ConvertedWorkOrderDocument, { id: workOrder.id }, user());
    expect(readWorkOrder.deal).toEqual({ id: org.deal.id, dealName: "Acme maintenance contract" });
  });

  it("refuses a second parent with CONFLICT naming the current one, and leaves the link as it was", async () => {
    // The small org's Request already belongs to the Deal.
    const refused = await link("Requests", org.request.id, "Sales_Orders", org.salesOrder.id);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: "CONFLICT", field: "fsmId", currentParentModule: "Deals", currentParentId: org.deal.id },
    });
    expect(refused.errors![0].message).toContain("Acme maintenance contract");
    expect((await readRequest(org.request.id)).parentLink).toMatchObject({ parentModule: "Deals", parentId: org.deal.id });
    expect(ids((await orderLists()).requests)).not.toContain(org.request.id);

    // The same parent again is refused too: a record has one link, not two.
    const again = await link("Requests", org.request.id, "Deals", org.deal.id);
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT", currentParentId: org.deal.id } });

    // A Sales Order parent is named by its subject.
    const estimate = await link("Estimates", org.estimate.id, "Deals", org.deal.id);
    expect(estimate.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT", currentParentModule: "Sales_Orders", currentParentId: org.salesOrder.id } });
    expect(estimate.errors![0].message).toContain("SO-ACME-1");
    expect(await t.services.db.manager.countBy(ParentLink, { fsmId: org.request.id })).toBe(1);
  });

  it("refuses another customer's parent with CROSS_CUSTOMER_LINK unless the caller confirms; the timeline says it was confirmed", async () => {
    // Delta Labs is not the Company Acme's Account syncs with.
    const delta = await t.services.fsm.create("Companies", { companyName: "Delta Labs" }, actor);
    const request = await t.services.fsm.create("Requests", { summary: "Delta leak", companyId: delta.id }, actor);
    const refused = await link("Requests", request.id, "Deals", org.deal.id);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: "CROSS_CUSTOMER_LINK", field: "parentId", companyId: delta.id, accountId: org.accountA.id },
    });
    expect(refused.errors![0].message).toContain("allowOtherCustomer");
    expect(await t.services.db.manager.countBy(ParentLink, { fsmId: request.id })).toBe(0);
    const orderRefused = await link("Requests", request.id, "Sales_Orders", org.salesOrder.id);
    expect(orderRefused.errors?.[0]).toMatchObject({ extensions: { code: "CROSS_CUSTOMER_LINK" } });

    const confirmed = await execute(
      t.url,
      LinkToParentDocument,
      { fsmModule: "Requests", fsmId: request.id, parentModule: "Deals", parentId: org.deal.id, allowOtherCustomer: true },
      user(),
    );
    expect(confirmed.errors).toBeUndefined();
    const { timeline } = await readRequest(request.id);
    expect(timeline).toEqual([expect.objectContaining({ kind: "LINKED_TO", message: expect.stringContaining("another customer's, confirmed by the user") })]);

    // The same customer (the Company Acme's Account syncs with) needs no confirmation and says none.
    const own = await t.services.fsm.create("Requests", { summary: "Acme leak", companyId: org.company.id }, actor);
    expect((await link("Requests", own.id, "Deals", org.deal.id)).errors).toBeUndefined();
    expect((await readRequest(own.id)).timeline[0].message).not.toContain("confirmed");
  });

  it("lets exactly one of two simultaneous links win; the other gets CONFLICT naming the winner", async () => {
    const request = await t.services.fsm.create("Requests", { summary: "Contested request" }, actor);
    const [a, b] = await Promise.all([link("Requests", request.id, "Deals", org.deal.id), link("Requests", request.id, "Sales_Orders", org.salesOrder.id)]);
    const winners = [a, b].filter((r) => !r.errors);
    const losers = [a, b].filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const won = winners[0].data!.linkToParent;
    expect(losers[0].errors![0]).toMatchObject({ extensions: { code: "CONFLICT", currentParentId: won.parentId } });
    expect(await t.services.db.manager.countBy(ParentLink, { fsmId: request.id })).toBe(1);
  });

  it("refuses unknown records and parents with NOT_FOUND", async () => {
    const noRecord = await link("Requests", UNKNOWN, "Deals", org.deal.id);
    expect(noRecord.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    expect(noRecord.errors![0].message).toContain(UNKNOWN);
    const request = await t.services.fsm.create("Requests", { summary: "Orphan" }, actor);
    const noDeal = await link("Requests", request.id, "Deals", UNKNOWN);
    expect(noDeal.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    expect(noDeal.errors![0].message).toMatch(/Deal/);
    const noOrder = await link("Requests", request.id, "Sales_Orders", UNKNOWN);
    expect(noOrder.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    // An id of another module is not a record of this one.
    const wrongModule = await link("Estimates", request.id, "Deals", org.deal.id);
    expect(wrongModule.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    const wrongParent = await link("Requests", request.id, "Sales_Orders", org.deal.id);
    expect(wrongParent.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    expect(await t.services.db.manager.countBy(ParentLink, { fsmId: request.id })).toBe(0);
    // Unlinking a record without a parent, or an unknown one.
    expect((await unlink("Requests", request.id)).errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    expect((await unlink("Work_Orders", UNKNOWN)).errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
  });

  it("needs a signed-in user; a Standard user may link", async () => {
    const request = await t.services.fsm.create("Requests", { summary: "Needs auth" }, actor);
    expect((await link("Requests", request.id, "Deals", org.deal.id, "")).errors?.[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect((await link("Requests", request.id, "Deals", org.deal.id, t.standard.token)).errors).toBeUndefined();
  });

  describe("linkableFsmRecords", () => {
    const search = async (module: "Requests" | "Estimates" | "Work_Orders", variables: { search?: string; companyId?: string; first?: number } = {}) =>
      (await query(t.url, LinkableFsmRecordsDocument, { module, ...variables }, user())).linkableFsmRecords;

    it("finds records by summary, case-insensitively, in the asked module only", async () => {
      const found = await search("Requests", { search: "BOILER" });
      expect(found).toEqual([
        {
          module: "Requests",
          id: org.request.id,
          summary: "Boiler makes noise",
          status: "Estimate Created",
          companyId: org.company.id,
          parentModule: "Deals",
          parentId: org.deal.id,
        },
      ]);
      expect(ids(await search("Estimates", { search: "boiler repair" }))).toEqual([org.estimate.id]);
      expect(ids(await search("Work_Orders", { search: "repair boiler" }))).toEqual([org.workOrder.id]);
      expect(await search("Work_Orders", { search: "makes noise" })).toEqual([]);
    });

    it("narrows by Company and pages with first, newest first", async () => {
      expect(ids(await search("Requests", { companyId: org.otherCompany.id }))).toEqual([org.otherRequest.id]);
      const extra = [];
      for (const n of [1, 2, 3]) {
        extra.push(await t.services.fsm.create("Requests", { summary: `Gamma follow-up ${n}`, companyId: org.otherCompany.id }, actor));
        await new Promise((resolve) => setTimeout(resolve, 5)); // distinct modified times: newest first is by time
      }
      const page = await search("Requests", { companyId: org.otherCompany.id, search: "gamma", first: 2 });
      expect(ids(page)).toEqual([extra[2].id, extra[1].id]);
      expect(await search("Requests", { companyId: org.company.id, search: "gamma" })).toEqual([]);
    });

    it("marks records that already have a parent, and leaves free ones unmarked", async () => {
      const free = await t.services.fsm.create("Requests", { summary: "Marked search free", companyId: org.company.id }, actor);
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct modified times: newest first is by time
      const taken = await t.services.fsm.create("Requests", { summary: "Marked search taken", companyId: org.company.id }, actor);
      expect((await link("Requests", taken.id, "Sales_Orders", org.salesOrder.id)).errors).toBeUndefined();
      const found = await search("Requests", { search: "marked search" });
      expect(found.map(({ id, parentModule, parentId }) => ({ id, parentModule, parentId }))).toEqual([
        { id: taken.id, parentModule: "Sales_Orders", parentId: org.salesOrder.id },
        { id: free.id, parentModule: null, parentId: null },
      ]);
    });

    it("treats the search text as text, not as a pattern", async () => {
      await t.services.fsm.create("Requests", { summary: "100% uptime check" }, actor);
      expect((await search("Requests", { search: "100%" })).map((r) => r.summary)).toEqual(["100% uptime check"]);
      expect(await search("Requests", { search: "%" })).toHaveLength(1);
      expect(await search("Requests", { search: "_" })).toEqual([]);
    });
  });
});
