import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import { buildSmallOrg, type SmallOrg } from "../support/small-org";
import {
  CreateDealDocument,
  CreateDealFromFsmDocument,
  CreateSalesOrderDocument,
  DealDocument,
  DeleteDealDocument,
  DeleteSalesOrderDocument,
  SalesOrderDocument,
  SalesOrderTotalsDocument,
  UpdateDealDocument,
  UpdateSalesOrderDocument,
} from "../generated/graphql";
import { InstallMode } from "../../src/org/install-state";
import type { GraphQLFormattedError } from "graphql";

function refusal(errors: readonly GraphQLFormattedError[] | undefined) {
  expect(errors, "the call was expected to be refused").toBeDefined();
  const [error] = errors ?? [];
  // An error's details are spread into its extensions.
  return { code: error.extensions?.code, field: error.extensions?.field, message: error.message, extensions: error.extensions };
}

describe("CRM Deals and Sales Orders written from the CRM side", () => {
  let t: TestGateway;
  let org: SmallOrg;
  const user = () => t.standard.token;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    org = await buildSmallOrg(t.services, t.admin.user.id);
  });
  afterAll(() => t.stop());

  describe("Deals", () => {
    it("creates, updates in part and deletes a Deal, the version rising on each write", async () => {
      const { accountA, contactA1 } = org;
      const { createDeal } = await query(
        t.url,
        CreateDealDocument,
        {
          input: {
            dealName: "Acme boiler refit",
            stage: "Qualification",
            amount: 0.1 + 0.2,
            closingDate: "2027-03-31",
            accountId: accountA.id,
            contactId: contactA1.id,
          },
        },
        user(),
      );
      expect(createDeal).toMatchObject({ version: 1, dealName: "Acme boiler refit", stage: "Qualification", amount: 0.3, closingDate: "2027-03-31" });
      expect(createDeal.modifiedBy).toBe(t.standard.user.id);

      const { updateDeal } = await query(
        t.url,
        UpdateDealDocument,
        { id: createDeal.id, expectedVersion: 1, input: { stage: "Negotiation", amount: 10203.456 } },
        user(),
      );
      // Absent fields stay; the amount is exact to the cent.
      expect(updateDeal).toMatchObject({
        version: 2,
        dealName: "Acme boiler refit",
        stage: "Negotiation",
        amount: 10203.46,
        accountId: accountA.id,
        contactId: contactA1.id,
      });

      const cleared = await query(t.url, UpdateDealDocument, { id: createDeal.id, expectedVersion: 2, input: { contactId: null, closingDate: null } }, user());
      expect(cleared.updateDeal).toMatchObject({ version: 3, contactId: null, closingDate: null, accountId: accountA.id });

      const { createSalesOrder: order } = await query(t.url, CreateSalesOrderDocument, { input: { subject: "Under the deal", dealId: createDeal.id } }, user());
      expect((await query(t.url, DealDocument, { id: createDeal.id }, user())).deal.salesOrders).toEqual([{ id: order.id, subject: "Under the deal" }]);

      expect((await query(t.url, DeleteDealDocument, { id: createDeal.id, expectedVersion: 3 }, user())).deleteDeal).toBe(createDeal.id);
      expect(refusal((await execute(t.url, DealDocument, { id: createDeal.id }, user())).errors).code).toBe("NOT_FOUND");
      // Its Sales Order stays, its Deal lookup reading as nothing.
      expect((await query(t.url, SalesOrderDocument, { id: order.id }, user())).salesOrder.deal).toBeNull();
    });

    it("refuses a stale version with CONFLICT and leaves the Deal as the other writer left it", async () => {
      const { createDeal } = await query(t.url, CreateDealDocument, { input: { dealName: "Race", accountId: org.accountA.id } }, user());
      await query(t.url, UpdateDealDocument, { id: createDeal.id, expectedVersion: 1, input: { stage: "Proposal" } }, user());
      const stale = await execute(t.url, UpdateDealDocument, { id: createDeal.id, expectedVersion: 1, input: { stage: "Closed Lost" } }, user());
      expect(refusal(stale.errors)).toMatchObject({ code: "CONFLICT", field: "expectedVersion", extensions: { expectedVersion: 1, currentVersion: 2 } });
      expect((await query(t.url, DealDocument, { id: createDeal.id }, user())).deal.stage).toBe("Proposal");
      const staleDelete = await execute(t.url, DeleteDealDocument, { id: createDeal.id, expectedVersion: 1 }, user());
      expect(refusal(staleDelete.errors).code).toBe("CONFLICT");
    });

    it.each([
      ["a stage outside the picklist", { stage: "Won" }, "BAD_USER_INPUT", "stage"],
      ["a negative amount", { amount: -1 }, "BAD_USER_INPUT", "amount"],
      ["an amount beyond numeric(14,2)", { amount: 1e13 }, "BAD_USER_INPUT", "amount"],
      ["an unknown account", { accountId: "no-such-account" }, "BAD_USER_INPUT", "accountId"],
      ["an unknown contact", { contactId: "no-such-contact" }, "BAD_USER_INPUT", "contactId"],
      ["a malformed closing date", { closingDate: "31/03/2027" }, "BAD_USER_INPUT", "closingDate"],
      ["an empty name", { dealName: "" }, "BAD_USER_INPUT", "dealName"],
    ])("refuses %s, naming the field", async (_case, fields, code, field) => {
      const created = await execute(t.url, CreateDealDocument, { input: { dealName: "Refused", ...fields } }, user());
      expect(refusal(created.errors)).toMatchObject({ code, field });
      const { createDeal } = await query(t.url, CreateDealDocument, { input: { dealName: "Target" } }, user());
      const updated = await execute(t.url, UpdateDealDocument, { id: createDeal.id, expectedVersion: 1, input: fields }, user());
      expect(refusal(updated.errors)).toMatchObject({ code, field });
    });

    it("refuses a Contact of another Account, on create and when only one side changes", async () => {
      const { accountA, accountB, contactA1, contactB1 } = org;
      const mixed = await execute(t.url, CreateDealDocument, { input: { dealName: "Mixed", accountId: accountA.id, contactId: contactB1.id } }, user());
      expect(refusal(mixed.errors)).toMatchObject({ code: "BAD_USER_INPUT", field: "contactId" });
      expect(refusal(mixed.errors).message).toContain(accountB.id);

      const { createDeal } = await query(t.url, CreateDealDocument, { input: { dealName: "A's", accountId: accountA.id, contactId: contactA1.id } }, user());
      // Moving the Deal to Account B while its Contact stays A's.
      const moved = await execute(t.url, UpdateDealDocument, { id: createDeal.id, expectedVersion: 1, input: { accountId: accountB.id } }, user());
      expect(refusal(moved.errors)).toMatchObject({ code: "BAD_USER_INPUT", field: "contactId" });
      const both = await query(
        t.url,
        UpdateDealDocument,
        { id: createDeal.id, expectedVersion: 1, input: { accountId: accountB.id, contactId: contactB1.id } },
        user(),
      );
      expect(both.updateDeal).toMatchObject({ accountId: accountB.id, contactId: contactB1.id, version: 2 });
    });

    it("refuses to delete a Deal that FSM records belong to, naming them", async () => {
      const deleted = await execute(t.url, DeleteDealDocument, { id: org.deal.id }, user());
      const { code, message, extensions } = refusal(deleted.errors);
      expect(code).toBe("PARENT_OF_FSM_RECORDS");
      expect(message).toContain(org.request.id);
      expect(message).toContain(org.workOrder.id);
      expect(extensions).toMatchObject({
        children: expect.arrayContaining([
          { module: "Requests", id: org.request.id },
          { module: "Work_Orders", id: org.workOrder.id },
        ]),
      });
      expect((await query(t.url, DealDocument, { id: org.deal.id }, user())).deal.id).toBe(org.deal.id);
    });

    it("refuses an unknown id with NOT_FOUND and anonymous callers with UNAUTHENTICATED", async () => {
      expect(refusal((await execute(t.url, UpdateDealDocument, { id: "missing", expectedVersion: 1, input: { stage: "Proposal" } }, user())).errors).code).toBe(
        "NOT_FOUND",
      );
      expect(refusal((await execute(t.url, DeleteDealDocument, { id: "missing" }, user())).errors).code).toBe("NOT_FOUND");
      expect(refusal((await execute(t.url, CreateDealDocument, { input: { dealName: "Anonymous" } })).errors).code).toBe("UNAUTHENTICATED");
    });

    it("needs no FSM permission: a user outside the FSM install scope writes Deals, not FSM-side ones", async () => {
      const before = await t.services.org.get();
      await t.services.org.update({ installMode: InstallMode.ADMINS_ONLY, installProfiles: null }, t.admin.user.id);
      try {
        const { createDeal } = await query(t.url, CreateDealDocument, { input: { dealName: "CRM only", accountId: org.accountA.id } }, user());
        await query(t.url, UpdateDealDocument, { id: createDeal.id, expectedVersion: 1, input: { stage: "Closed Won" } }, user());
        expect((await query(t.url, DeleteDealDocument, { id: createDeal.id }, user())).deleteDeal).toBe(createDeal.id);
        const fromFsm = await execute(t.url, CreateDealFromFsmDocument, { companyId: org.company.id, input: { dealName: "FSM side" } }, user());
        expect(refusal(fromFsm.errors).code).toBe("FORBIDDEN");
      } finally {
        await t.services.org.update({ installMode: before.installMode, installProfiles: before.installProfiles }, t.admin.user.id);
      }
    });
  });

  describe("Sales Orders", () => {
    it("computes line amounts and totals exactly, stores them, and recomputes them when the lines are replaced", async () => {
      const { accountA, contactA1, deal, productP, productG } = org;
      const { createSalesOrder: order } = await query(
        t.url,
        CreateSalesOrderDocument,
        {
          input: {
            subject: "SO-ACME-2",
            status: "Created",
            dueDate: "2027-01-15",
            accountId: accountA.id,
            contactId: contactA1.id,
            dealId: deal.id,
            lineItems: [
              // 3 × 33.33 − 0.99 = 99.00; tax 7.92
              { productId: productP.id, quantity: 3, listPrice: 33.33, discount: 0.99, tax: 7.92 },
              // No list price: the Product's unit price (15); 0.1 × 15 = 1.50
              { productId: productG.id, quantity: 0.1 },
              // 10,000 × 1.02 + 3 × 1 = 10,203
              { quantity: 10000, listPrice: 1.02, tax: 0.1 },
              { quantity: 3, listPrice: 1 },
            ],
          },
        },
        user(),
      );
      expect(order.lineItems.map((l) => [l.position, l.listPrice, l.amount])).toEqual([
        [0, 33.33, 99],
        [1, 15, 1.5],
        [2, 1.02, 10200],
        [3, 1, 3],
      ]);
      expect(order).toMatchObject({ subTotal: 10303.5, tax: 8.02, grandTotal: 10311.52 });
      // Stored as returned.
      expect((await query(t.url, SalesOrderTotalsDocument, { id: order.id }, user())).salesOrder).toEqual(order);

      const { updateSalesOrder: replaced } = await query(
        t.url,
        UpdateSalesOrderDocument,
        { id: order.id, expectedVersion: order.version, input: { status: "Approved", lineItems: [{ quantity: 2, listPrice: 0.1, discount: 0.05 }] } },
        user(),
      );
      // Versions rise on every write (a remote CRM counts the lines' write too).
      expect(replaced.version).toBeGreaterThan(order.version);
      expect(replaced).toMatchObject({ status: "Approved", subject: "SO-ACME-2", subTotal: 0.15, tax: 0, grandTotal: 0.15 });
      expect(replaced.lineItems).toHaveLength(1);

      // Fields alone leave the lines and totals as they are.
      const { updateSalesOrder: renamed } = await query(
        t.url,
        UpdateSalesOrderDocument,
        { id: order.id, expectedVersion: replaced.version, input: { subject: "SO-ACME-2b" } },
        user(),
      );
      expect(renamed).toMatchObject({ version: replaced.version + 1, subTotal: 0.15, grandTotal: 0.15, lineItems: replaced.lineItems });

      const { updateSalesOrder: emptied } = await query(
        t.url,
        UpdateSalesOrderDocument,
        { id: order.id, expectedVersion: renamed.version, input: { lineItems: [] } },
        user(),
      );
      expect(emptied).toMatchObject({ subTotal: 0, tax: 0, grandTotal: 0, lineItems: [] });

      expect((await query(t.url, DeleteSalesOrderDocument, { id: order.id, expectedVersion: emptied.version }, user())).deleteSalesOrder).toBe(order.id);
      expect(refusal((await execute(t.url, SalesOrderTotalsDocument, { id: order.id }, user())).errors).code).toBe("NOT_FOUND");
    });

    it.each([
      ["a negative quantity", { lineItems: [{ quantity: -1, listPrice: 5 }] }, "lineItems[0].quantity"],
      ["a negative list price", { lineItems: [{ quantity: 1, listPrice: -5 }] }, "lineItems[0].listPrice"],
      [
        "a discount above its line",
        {
          lineItems: [
            { quantity: 1, listPrice: 5 },
            { quantity: 2, listPrice: 5, discount: 10.01 },
          ],
        },
        "lineItems[1].discount",
      ],
      ["a negative tax", { lineItems: [{ quantity: 1, listPrice: 5, tax: -0.01 }] }, "lineItems[0].tax"],
      ["an unknown product", { lineItems: [{ productId: "no-such-product", quantity: 1 }] }, "lineItems[0].productId"],
      ["a sub total beyond numeric(14,2)", { lineItems: [{ quantity: 999999, listPrice: 999999999 }] }, "lineItems[0].amount"],
      ["a status outside the picklist", { status: "Shipped" }, "status"],
      ["an unknown deal", { dealId: "no-such-deal" }, "dealId"],
      ["a malformed due date", { dueDate: "tomorrow" }, "dueDate"],
    ])("refuses %s with BAD_USER_INPUT naming the field, and writes nothing", async (_case, fields, field) => {
      const created = await execute(t.url, CreateSalesOrderDocument, { input: { subject: "Refused", ...fields } }, user());
      expect(refusal(created.errors)).toMatchObject({ code: "BAD_USER_INPUT", field });
      const { createSalesOrder } = await query(
        t.url,
        CreateSalesOrderDocument,
        { input: { subject: "Target", lineItems: [{ quantity: 1, listPrice: 7 }] } },
        user(),
      );
      const updated = await execute(
        t.url,
        UpdateSalesOrderDocument,
        { id: createSalesOrder.id, expectedVersion: createSalesOrder.version, input: fields },
        user(),
      );
      expect(refusal(updated.errors)).toMatchObject({ code: "BAD_USER_INPUT", field });
      const after = (await query(t.url, SalesOrderTotalsDocument, { id: createSalesOrder.id }, user())).salesOrder;
      expect(after).toMatchObject({ version: createSalesOrder.version, subTotal: 7, grandTotal: 7 });
      expect(after.lineItems).toHaveLength(1);
    });

    it("refuses a Deal or Contact of another Account", async () => {
      const { accountB, deal, contactA1 } = org;
      const otherDeal = await execute(t.url, CreateSalesOrderDocument, { input: { subject: "B", accountId: accountB.id, dealId: deal.id } }, user());
      expect(refusal(otherDeal.errors)).toMatchObject({ code: "BAD_USER_INPUT", field: "dealId" });
      const otherContact = await execute(t.url, CreateSalesOrderDocument, { input: { subject: "B", accountId: accountB.id, contactId: contactA1.id } }, user());
      expect(refusal(otherContact.errors)).toMatchObject({ code: "BAD_USER_INPUT", field: "contactId" });
    });

    it("refuses a stale version with CONFLICT, lines and totals untouched", async () => {
      const { createSalesOrder } = await query(
        t.url,
        CreateSalesOrderDocument,
        { input: { subject: "Race", lineItems: [{ quantity: 2, listPrice: 3 }] } },
        user(),
      );
      const read = createSalesOrder.version;
      const { updateSalesOrder: approved } = await query(
        t.url,
        UpdateSalesOrderDocument,
        { id: createSalesOrder.id, expectedVersion: read, input: { status: "Approved" } },
        user(),
      );
      const stale = await execute(
        t.url,
        UpdateSalesOrderDocument,
        { id: createSalesOrder.id, expectedVersion: read, input: { lineItems: [{ quantity: 100, listPrice: 3 }] } },
        user(),
      );
      expect(refusal(stale.errors)).toMatchObject({ code: "CONFLICT", field: "expectedVersion" });
      const after = (await query(t.url, SalesOrderTotalsDocument, { id: createSalesOrder.id }, user())).salesOrder;
      expect(after).toMatchObject({ version: approved.version, status: "Approved", subTotal: 6, grandTotal: 6 });
      expect(after.lineItems.map((l) => l.quantity)).toEqual([2]);
    });

    it("refuses to delete a Sales Order that FSM records belong to, naming them", async () => {
      const deleted = await execute(t.url, DeleteSalesOrderDocument, { id: org.salesOrder.id }, user());
      const { code, message } = refusal(deleted.errors);
      expect(code).toBe("PARENT_OF_FSM_RECORDS");
      expect(message).toContain(org.estimate.id);
      expect(message).toContain(org.asset.id);
      expect((await query(t.url, SalesOrderTotalsDocument, { id: org.salesOrder.id }, user())).salesOrder.lineItems).toHaveLength(2);
    });
  });
});
