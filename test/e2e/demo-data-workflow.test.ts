import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { postGraphQL } from "../support/graphql-client";
import { seedIfEmpty } from "../../src/seed/seed-if-empty";
import { DEMO_SCALE } from "../../src/seed/demo-scale";
import { toHundredths } from "../../src/common/money";
import { workOrderStatusFromAppointments, WorkOrderStatus } from "../../src/workflow/work-order-lifecycle";
import type { AppointmentStatus } from "../../src/workflow/service-appointment-lifecycle";

interface Line {
  quantity: number;
  listPrice: number | null;
  discount: number | null;
  tax: number | null;
  amount: number | null;
}
interface Document {
  id: string;
  subTotal: number | null;
  grandTotal: number | null;
  lineItems: Line[];
}

const LINE = "lineItems { quantity listPrice discount tax amount }";
const cents = (value: number | null) => toHundredths(value ?? 0, "value");

/**
 * The demo organisation, as a first start seeds it, read back over GraphQL: every Estimate, Work Order and Sales
 * Order adds up (issue #18), and every Work Order's status is the one its appointments give it.
 */
describe("the demo organisation follows the workflow", () => {
  let t: TestGateway;
  const documents: Record<"estimates" | "workOrders" | "salesOrders", (Document & { status?: string; serviceAppointments?: { status: string }[] })[]> = {
    estimates: [],
    workOrders: [],
    salesOrders: [],
  };

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    expect(await seedIfEmpty(t.services, DEMO_SCALE, { userId: t.admin.user.id })).toBe(true);
    const extra = { estimates: "", workOrders: "status serviceAppointments { status }", salesOrders: "" };
    for (const list of ["estimates", "workOrders", "salesOrders"] as const) {
      const response = await postGraphQL<Record<string, { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: Document[] }>>(
        t.url,
        { query: `{ ${list}(first: 200) { totalCount pageInfo { hasNextPage } nodes { id subTotal grandTotal ${extra[list]} ${LINE} } } }` },
        t.admin.token,
      );
      expect(response.errors).toBeUndefined();
      const page = response.data![list];
      expect(page.pageInfo.hasNextPage).toBe(false);
      expect(page.nodes.length).toBe(page.totalCount);
      documents[list] = page.nodes;
    }
  });
  afterAll(() => t?.stop());

  it.each(["estimates", "workOrders", "salesOrders"] as const)(
    "%s: amount = quantity × list price − discount, sub total = Σ amounts, grand total = sub total + tax",
    (list) => {
      expect(documents[list].length).toBeGreaterThan(10);
      for (const doc of documents[list]) {
        for (const line of doc.lineItems) {
          // quantity × list price, in ten-thousandths, to cents half up (the demo's values are not negative).
          const gross = (cents(line.quantity) * cents(line.listPrice) + 50n) / 100n;
          expect(cents(line.amount), `${list} ${doc.id}`).toBe(gross - cents(line.discount));
        }
        const subTotal = doc.lineItems.reduce((sum, line) => sum + cents(line.amount), 0n);
        const tax = doc.lineItems.reduce((sum, line) => sum + cents(line.tax), 0n);
        // The documents carry no discount or adjustment of their own yet: both are 0.
        expect({ subTotal: cents(doc.subTotal), grandTotal: cents(doc.grandTotal) }, `${list} ${doc.id}`).toEqual({ subTotal, grandTotal: subTotal + tax });
        expect(doc.subTotal).not.toBeNull();
      }
    },
  );

  it("prices are more than sums: some lines carry a discount and every priced line a tax", () => {
    const lines = Object.values(documents)
      .flat()
      .flatMap((doc) => doc.lineItems);
    expect(lines.filter((line) => cents(line.discount) > 0n).length).toBeGreaterThan(0);
    expect(lines.filter((line) => cents(line.amount) > 0n).every((line) => cents(line.tax) > 0n)).toBe(true);
    expect(
      Object.values(documents)
        .flat()
        .filter((doc) => cents(doc.grandTotal) > cents(doc.subTotal)).length,
    ).toBeGreaterThan(0);
  });

  it("every Work Order's status is the one its appointments give it", () => {
    const statuses = new Set<string>();
    for (const workOrder of documents.workOrders) {
      const appointments = workOrder.serviceAppointments!.map((a) => a.status as AppointmentStatus);
      expect(workOrder.status).toBe(workOrderStatusFromAppointments(WorkOrderStatus.New, appointments));
      statuses.add(workOrder.status!);
    }
    expect(statuses.size).toBeGreaterThan(1);
  });
});
