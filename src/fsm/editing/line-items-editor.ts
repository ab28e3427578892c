import type { Database } from "../../db/database";
import type { Actor } from "../../common/record-store";
import { asAnyStore, type AnyRecord } from "../../common/any-record-store";
import type { Timeline } from "../../timeline/timeline";
import type { RecordInputCheck } from "../../fields/record-input-check";
import { SystemName } from "../../fields/field-definition.entity";
import { FSM_MODULES } from "../../modules/module-registry";
import { BadUserInputError } from "../../errors/app-error";
import type { FsmStore } from "../fsm-store";
import { lineAmount, totalsOf, type PricedLine } from "../../workflow/totals";
import { EstimateStatus } from "../../workflow/estimate-lifecycle";
import { WorkOrderStatus } from "../../workflow/work-order-lifecycle";
import { lockedAtVersion } from "./locked-record";

export interface LineItemsEditorDeps {
  db: Database;
  fsm: FsmStore;
  timeline: Timeline;
  inputs: RecordInputCheck;
}

export interface NewLineItem extends PricedLine {
  kind: string;
  serviceAndPartId?: string | null;
}

/** Where a document's lines live, and while which statuses they may change. */
const DOCUMENTS = {
  Estimates: { lines: "Estimate_Line_Items", editable: [EstimateStatus.Draft] as string[] },
  Work_Orders: {
    lines: "Work_Order_Line_Items",
    editable: [WorkOrderStatus.New, WorkOrderStatus.Scheduled, WorkOrderStatus.InProgress] as string[],
  },
} as const;

export type LinedDocument = keyof typeof DOCUMENTS;

/**
 * Replaces the line items of an Estimate (while Draft: a sent offer is fixed) or a Work Order (until its work
 * ends), and stores each line's amount and the document's totals computed exactly by `totalsOf`, in the same
 * transaction, at the version the client read.
 */
export class LineItemsEditor {
  constructor(private readonly deps: LineItemsEditorDeps) {}

  async replace(module: LinedDocument, id: string, expectedVersion: number, lines: NewLineItem[], actor: Actor): Promise<AnyRecord> {
    const facts = DOCUMENTS[module];
    for (const line of lines) await this.deps.inputs.check(SystemName.FSM, facts.lines, line);
    const amounts = lines.map((line, i) => lineAmount(line, `lineItems[${i}]`));
    const totals = totalsOf(lines);
    return this.deps.db.transaction(async (m) => {
      const document = await lockedAtVersion(this.deps.fsm, m, module, id, expectedVersion);
      const status = String(document.status);
      if (!facts.editable.includes(status)) {
        const label = FSM_MODULES[module].label;
        throw new BadUserInputError("lineItems", `lineItems: the line items of a ${status} ${label} cannot change (only while ${facts.editable.join(", ")})`, {
          status,
        });
      }
      const store = asAnyStore(this.deps.fsm);
      await store.replaceRows(
        facts.lines,
        id,
        lines.map((line, position) => ({ ...line, position, amount: amounts[position] })),
        actor,
        m,
      );
      const written = await store.update(module, id, { subTotal: totals.subTotal, grandTotal: totals.grandTotal }, actor, m, document);
      await this.deps.timeline.add(
        m,
        module,
        id,
        "LINE_ITEMS_CHANGED",
        `Line items set by ${actor.userId}: ${lines.length} line(s); sub total ${totals.subTotal.toFixed(2)}, tax ${totals.tax.toFixed(2)}, grand total ${totals.grandTotal.toFixed(2)}`,
      );
      return written;
    });
  }
}
