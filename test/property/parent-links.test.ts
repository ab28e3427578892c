import fc from "fast-check";
import { In } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query, type GraphQLResponse } from "../support/graphql-client";
import {
  ConvertEstimateToWorkOrderDocument,
  ConvertRequestToEstimateDocument,
  ConvertRequestToWorkOrderDocument,
  LinkToParentDocument,
  UnlinkFromParentDocument,
  SendEstimateDocument,
  AcceptEstimateDocument,
} from "../generated/graphql";
import { ParentLink } from "../../src/links/parent-link.entity";

/**
 * Model-based property test of parent links, over HTTP: random links, unlinks, simultaneous links and
 * conversions (which carry the parent) of Requests, Estimates and Work Orders to Deals and Sales Orders. No
 * record ever has two parents; a second link gets CONFLICT naming the current parent; unlinking frees it.
 * PARENT_LINK_RUNS sets the count.
 */
const RUNS = Number(process.env.PARENT_LINK_RUNS || 40);

type FsmModule = "Requests" | "Estimates" | "Work_Orders";
type ParentModule = "Deals" | "Sales_Orders";
type Command =
  | { kind: "link"; record: number; parent: number }
  | { kind: "unlink"; record: number }
  | { kind: "race"; record: number; parents: [number, number] }
  | { kind: "convert"; record: number; toWorkOrder: boolean };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant("link" as const), record: fc.nat(9), parent: fc.nat(2) }),
  fc.record({ kind: fc.constant("unlink" as const), record: fc.nat(9) }),
  fc.record({ kind: fc.constant("race" as const), record: fc.nat(9), parents: fc.tuple(fc.nat(2), fc.nat(2)) }),
  fc.record({ kind: fc.constant("convert" as const), record: fc.nat(9), toWorkOrder: fc.boolean() }),
);

describe("parent links under random histories (model-based)", () => {
  let t: TestGateway;
  const actor = { userId: "model" };

  beforeAll(async () => {
    // Long runs send far more than a client's per-minute allowance; 0 switches the rate limit off.
    t = await startTestGateway({ syncWorker: false, rateLimitPerMinute: 0 });
  });
  afterAll(() => t.stop());

  async function run(commands: Command[]) {
    const { crm, fsm } = t.services;
    const tag = Math.random().toString(36).slice(2, 8);
    const parents: { module: ParentModule; id: string }[] = [
      { module: "Deals", id: (await crm.create("Deals", { dealName: `Deal A ${tag}` }, actor)).id },
      { module: "Deals", id: (await crm.create("Deals", { dealName: `Deal B ${tag}` }, actor)).id },
      { module: "Sales_Orders", id: (await crm.create("Sales_Orders", { subject: `SO ${tag}` }, actor)).id },
    ];
    const records: { module: FsmModule; id: string }[] = [
      { module: "Requests", id: (await fsm.create("Requests", { summary: `Request 1 ${tag}` }, actor)).id },
      { module: "Requests", id: (await fsm.create("Requests", { summary: `Request 2 ${tag}` }, actor)).id },
      { module: "Estimates", id: (await fsm.create("Estimates", { summary: `Estimate ${tag}`, status: "Accepted" }, actor)).id },
      { module: "Work_Orders", id: (await fsm.create("Work_Orders", { summary: `Work order ${tag}` }, actor)).id },
    ];
    /** The model: each record's parent id, if any. */
    const parentOf = new Map<string, string>();
    const link = (record: { module: FsmModule; id: string }, parent: { module: ParentModule; id: string }) =>
      execute(t.url, LinkToParentDocument, { fsmModule: record.module, fsmId: record.id, parentModule: parent.module, parentId: parent.id }, t.standard.token);
    const expectConflictNaming = (response: GraphQLResponse<unknown>, parentId: string | undefined) =>
      expect(response.errors?.[0]?.extensions, "a second parent is refused, naming the current one").toMatchObject({
        code: "CONFLICT",
        currentParentId: parentId,
      });

    for (const c of commands) {
      const record = records[c.record % records.length];
      const current = parentOf.get(record.id);
      if (c.kind === "link") {
        const parent = parents[c.parent];
        const response = await link(record, parent);
        if (current) expectConflictNaming(response, current);
        else {
          expect(response.errors, "linking a free record").toBeUndefined();
          parentOf.set(record.id, parent.id);
        }
      } else if (c.kind === "unlink") {
        const response = await execute(t.url, UnlinkFromParentDocument, { fsmModule: record.module, fsmId: record.id }, t.standard.token);
        if (current) {
          expect(response.data?.unlinkFromParent.parentId, "unlinking names the parent it left").toBe(current);
          parentOf.delete(record.id);
        } else expect(response.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      } else if (c.kind === "race") {
        const [a, b] = await Promise.all(c.parents.map((p) => link(record, parents[p])));
        const winners = [a, b].filter((r) => !r.errors);
        expect(winners.length, "of two simultaneous links, one wins (none if it had a parent)").toBe(current ? 0 : 1);
        const parentId = current ?? winners[0].data!.linkToParent.parentId;
        for (const loser of [a, b].filter((r) => r.errors)) expectConflictNaming(loser, parentId);
        parentOf.set(record.id, parentId);
      } else {
        const converted = await convert(record, c.toWorkOrder);
        if (converted) {
          records.push(converted);
          if (current) parentOf.set(converted.id, current);
        }
      }
    }

    // The gateway's links are exactly the model's: one parent at most per record.
    const stored = await t.services.db.manager.findBy(ParentLink, { fsmId: In(records.map((r) => r.id)) });
    const perRecord = new Map<string, string[]>();
    for (const l of stored) perRecord.set(l.fsmId, [...(perRecord.get(l.fsmId) ?? []), l.parentId]);
    for (const r of records) expect(perRecord.get(r.id) ?? [], `${r.module} ${r.id}: its parent`).toEqual(parentOf.has(r.id) ? [parentOf.get(r.id)] : []);
  }

  /** Request → Estimate or Work Order, accepted Estimate → Work Order: the new record, or null when its status refuses. */
  async function convert(record: { module: FsmModule; id: string }, toWorkOrder: boolean): Promise<{ module: FsmModule; id: string } | null> {
    const refused = (r: GraphQLResponse<unknown>) => {
      if (r.errors) expect(r.errors[0].extensions, "a conversion is refused only for its status").toMatchObject({ code: "BAD_USER_INPUT", field: "status" });
      return null;
    };
    if (record.module === "Requests" && toWorkOrder) {
      const r = await execute(t.url, ConvertRequestToWorkOrderDocument, { requestId: record.id }, t.standard.token);
      return r.data ? { module: "Work_Orders", id: r.data.convertRequestToWorkOrder.id } : refused(r);
    }
    if (record.module === "Requests") {
      const r = await execute(t.url, ConvertRequestToEstimateDocument, { requestId: record.id, input: {} }, t.standard.token);
      if (!r.data) return refused(r);
      // Sent and accepted through its lifecycle, so that it may convert on.
      const estimate = r.data.convertRequestToEstimate;
      const { sendEstimate: sent } = await query(t.url, SendEstimateDocument, { id: estimate.id, expectedVersion: estimate.version }, t.standard.token);
      await query(t.url, AcceptEstimateDocument, { id: estimate.id, expectedVersion: sent.version }, t.standard.token);
      return { module: "Estimates", id: estimate.id };
    }
    if (record.module === "Estimates") {
      const r = await execute(t.url, ConvertEstimateToWorkOrderDocument, { estimateId: record.id }, t.standard.token);
      return r.data ? { module: "Work_Orders", id: r.data.convertEstimateToWorkOrder.id } : refused(r);
    }
    return null;
  }

  it(
    "no record ever has two parents; a second link gets CONFLICT naming the first; conversions carry the parent",
    async () => {
      await fc.assert(fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 20 }), run), { numRuns: RUNS });
    },
    Math.max(600_000, RUNS * 10_000),
  );
});
