import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import { CreateSalesOrderDocument, SalesOrderTotalsDocument, UpdateSalesOrderDocument } from "../generated/graphql";
import { fromHundredths, toHundredths } from "../../src/common/money";

/**
 * Sales Orders with random line sets, written over HTTP and read back from the database (PROPERTY_SEED replays a
 * run): every stored line amount is quantity × list price − discount, and the stored totals add up exactly,
 * after a create and after the lines are replaced. The reference works in bigint hundredths, not in floats.
 */
const RUNS = Number(process.env.SALES_ORDER_TOTAL_RUNS || 25);

const cents = (value: number | null | undefined) => toHundredths(value ?? 0, "value");

const lineArb = fc
  .record({ quantity: fc.bigInt(0n, 100_000n), listPrice: fc.bigInt(0n, 10_000_000n), discountShare: fc.nat(100), tax: fc.bigInt(0n, 100_000n) })
  .map(({ quantity, listPrice, discountShare, tax }) => {
    const gross = (quantity * listPrice + 50n) / 100n;
    const discount = (gross * BigInt(discountShare)) / 100n;
    return { quantity: fromHundredths(quantity), listPrice: fromHundredths(listPrice), discount: fromHundredths(discount), tax: fromHundredths(tax) };
  });
const linesArb = fc.array(lineArb, { maxLength: 12 });

interface Stored {
  subTotal: number | null;
  tax: number | null;
  grandTotal: number | null;
  lineItems: { quantity: number; listPrice: number | null; discount: number | null; tax: number | null; amount: number | null }[];
}

type SentLine = { quantity: number; listPrice: number; discount: number; tax: number };

function expectTotalsAddUp(order: Stored, sent: SentLine[]) {
  expect(order.lineItems.map(({ quantity, listPrice, discount, tax }) => ({ quantity, listPrice, discount, tax }))).toEqual(sent);
  const amounts = order.lineItems.map((l) => {
    const amount = (cents(l.quantity) * cents(l.listPrice) + 50n) / 100n - cents(l.discount);
    expect(cents(l.amount)).toBe(amount);
    return amount;
  });
  const subTotal = amounts.reduce((a, b) => a + b, 0n);
  const tax = order.lineItems.reduce((a, l) => a + cents(l.tax), 0n);
  expect(cents(order.subTotal)).toBe(subTotal);
  expect(cents(order.tax)).toBe(tax);
  // No document discount or adjustment on a Sales Order (no columns): grand total = sub total + tax.
  expect(cents(order.grandTotal)).toBe(subTotal + tax);
}

describe("Sales Order totals on random line sets", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t.stop());

  it(
    "stored line amounts and totals satisfy the identity after a create and after the lines are replaced",
    async () => {
      await fc.assert(
        fc.asyncProperty(linesArb, linesArb, async (first, second) => {
          const token = t.standard.token;
          const { createSalesOrder } = await query(t.url, CreateSalesOrderDocument, { input: { subject: "Property", lineItems: first } }, token);
          expectTotalsAddUp((await query(t.url, SalesOrderTotalsDocument, { id: createSalesOrder.id }, token)).salesOrder, first);
          await query(
            t.url,
            UpdateSalesOrderDocument,
            { id: createSalesOrder.id, expectedVersion: createSalesOrder.version, input: { lineItems: second } },
            token,
          );
          expectTotalsAddUp((await query(t.url, SalesOrderTotalsDocument, { id: createSalesOrder.id }, token)).salesOrder, second);
        }),
        { numRuns: RUNS },
      );
    },
    Math.max(120_000, RUNS * 5_000),
  );
});
