import type { CrmWriteDeps } from "./crm-write-deps";
import type { Actor, StoreTransaction } from "../../common/record-store";
import type { CrmRecords } from "../../modules/module-registry";
import { SystemName } from "../../fields/field-definition.entity";
import { BadUserInputError, NotFoundError } from "../../errors/app-error";
import { lineAmount, totalsOf } from "../../workflow/totals";
import { checkExpectedVersion } from "../../common/expected-version";
import { checkPicklistValue } from "./picklist-check";
import { checkSameCustomer } from "./customer-check";
import { refuseParentOfFsmRecords } from "./fsm-children-guard";

type SalesOrder = CrmRecords["Sales_Orders"];
type Line = CrmRecords["Sales_Order_Line_Items"];

export interface SalesOrderLineFields {
  productId?: string | null;
  quantity: number;
  /** Absent: the Product's unit price. */
  listPrice?: number | null;
  discount?: number | null;
  tax?: number | null;
}

export interface SalesOrderFields {
  subject?: string;
  status?: string | null;
  dueDate?: string | null;
  accountId?: string | null;
  contactId?: string | null;
  dealId?: string | null;
  /** Given: the order's lines become exactly these, in this order. Absent: the lines stay. */
  lineItems?: SalesOrderLineFields[];
}

/**
 * CRM Sales Orders written from the CRM side. Lines are replaced as a set, and the order's totals (sub total, tax,
 * grand total; each line's amount) are computed exactly from them in the same transaction, so what is stored always
 * adds up (src/workflow/totals.ts). Totals are never taken from the caller.
 */
export class SalesOrderService {
  constructor(private readonly deps: CrmWriteDeps) {}

  async create(input: SalesOrderFields & { subject: string }, actor: Actor): Promise<SalesOrder> {
    const { lineItems = [], ...fields } = input;
    await this.check(fields);
    await checkSameCustomer(this.deps.crm, fields);
    const lines = await this.pricedLines(lineItems);
    return this.deps.db.transaction(async (tx) => {
      const order = await this.deps.crm.create("Sales_Orders", { ...fields, ...this.totals(lines) }, actor, tx);
      if (!lines.length) return order;
      await this.replaceLines(order.id, lines, actor, tx);
      // Read again: a remote CRM writes the lines as an update of the order, which moves its version on.
      const [withLines] = await this.deps.crm.getMany("Sales_Orders", [order.id], tx);
      return withLines ?? order;
    });
  }

  /** Partial: absent fields stay; null clears. */
  async update(id: string, expectedVersion: number, patch: SalesOrderFields, actor: Actor): Promise<SalesOrder> {
    const { lineItems, ...fields } = patch;
    await this.check(fields);
    const lines = lineItems && (await this.pricedLines(lineItems));
    return this.deps.db.transaction(async (tx) => {
      const [current] = await this.deps.crm.getMany("Sales_Orders", [id], tx, { forUpdate: true });
      if (!current) throw new NotFoundError("CRM Sales Order", id);
      checkExpectedVersion(current, expectedVersion, "CRM Sales Order");
      const { accountId, contactId, dealId } = current;
      await checkSameCustomer(this.deps.crm, { accountId, contactId, dealId, ...fields }, tx);
      if (!lines) return this.deps.crm.update("Sales_Orders", id, fields, actor, tx, current);
      await this.replaceLines(id, lines, actor, tx);
      return this.deps.crm.update("Sales_Orders", id, { ...fields, ...this.totals(lines) }, actor, tx, current);
    });
  }

  async delete(id: string, expectedVersion: number | null, actor: Actor): Promise<string> {
    const [current] = await this.deps.crm.getMany("Sales_Orders", [id]);
    if (!current) throw new NotFoundError("CRM Sales Order", id);
    if (expectedVersion !== null) checkExpectedVersion(current, expectedVersion, "CRM Sales Order");
    await refuseParentOfFsmRecords(this.deps.links, "Sales_Orders", id, "CRM Sales Order");
    await this.deps.db.transaction(async (tx) => {
      // The lines go with their order (a remote CRM drops its subform with it; our tables need telling).
      await this.deps.crm.replaceRows("Sales_Order_Line_Items", id, [], actor, tx);
      if (!(await this.deps.crm.delete("Sales_Orders", id, tx))) throw new NotFoundError("CRM Sales Order", id);
    });
    return id;
  }

  private async check(fields: Omit<SalesOrderFields, "lineItems">): Promise<void> {
    await this.deps.inputs.check(SystemName.CRM, "Sales_Orders", fields);
    await checkPicklistValue(this.deps.catalogue, "Sales_Orders", "status", fields.status);
  }

  /** Each line checked as written (product exists, bounds), priced from its Product when no list price is given. */
  private async pricedLines(lines: SalesOrderLineFields[]): Promise<SalesOrderLineFields[]> {
    for (const [i, line] of lines.entries()) {
      try {
        await this.deps.inputs.check(SystemName.CRM, "Sales_Order_Line_Items", line);
      } catch (error) {
        throw prefixed(error, `lineItems[${i}]`);
      }
    }
    const productIds = [...new Set(lines.flatMap((l) => (l.listPrice === undefined && l.productId ? [l.productId] : [])))];
    const prices = new Map((await this.deps.crm.getMany("Products", productIds)).map((p) => [p.id, p.unitPrice]));
    const priced = lines.map((line) => (line.listPrice === undefined ? { ...line, listPrice: prices.get(line.productId ?? "") ?? null } : line));
    // Refuses a negative quantity, a discount above its line, an overflow: named lineItems[i].field.
    totalsOf(priced);
    return priced;
  }

  private totals(lines: SalesOrderLineFields[]): Pick<SalesOrder, "subTotal" | "tax" | "grandTotal"> {
    return totalsOf(lines);
  }

  private replaceLines(salesOrderId: string, lines: SalesOrderLineFields[], actor: Actor, tx: StoreTransaction): Promise<Line[]> {
    const rows = lines.map((line, position) => ({ ...line, salesOrderId, position, amount: lineAmount(line, `lineItems[${position}]`) }));
    return this.deps.crm.replaceRows("Sales_Order_Line_Items", salesOrderId, rows, actor, tx);
  }
}

/** A line's refusal names its place: `lineItems[2].quantity`. */
function prefixed(error: unknown, prefix: string): unknown {
  if (!(error instanceof BadUserInputError) || !error.field) return error;
  return new BadUserInputError(`${prefix}.${error.field}`, `${prefix}.${error.message}`, error.details);
}
