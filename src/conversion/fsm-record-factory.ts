import type { EntityManager } from "typeorm";
import type { Actor } from "../common/record-store";
import { asAnyStore, type AnyRecordStore } from "../common/any-record-store";
import type { RecordBase } from "../common/record-base";
import type { RecordInputCheck } from "../fields/record-input-check";
import { SystemName } from "../fields/field-definition.entity";
import { CRM_MODULES, lineModuleOf, type FsmRecords } from "../modules/module-registry";
import { RecordSync } from "../sync/engine/record-sync";
import { LIFECYCLE_OF } from "../workflow/fsm-lifecycles";
import { statusAtCreation } from "../workflow/state-machine";
import type { SyncDeps } from "../sync/engine/sync-deps";
import { RecordRejectedError } from "../common/record-rejected.error";
import { SyncFailure } from "../sync/engine/sync-failure";
import { ConversionTarget, type ConversionSource } from "./conversion-pairs";
import type { ConversionPrefiller, Prefill } from "./conversion-prefill";
import { lineAmount, totalsOf, type PricedLine } from "../workflow/totals";
import { findIdempotentResult, rememberIdempotentResult, type IdempotentRequest } from "./idempotency";

export interface CreateFromCrmRequest {
  source: ConversionSource;
  sourceId: string;
  target: ConversionTarget;
  /** The user's own values, by GraphQL field name: they override the prefill. */
  input: Record<string, unknown>;
  idempotencyKey?: string | null;
  actor: Actor;
}

/** A creation syncs the source's customer first, so it needs what a record sync needs, and checks the input. */
export interface FsmRecordFactoryDeps extends SyncDeps {
  inputs: RecordInputCheck;
}

/**
 * The prefill, the customer, then the user's values on top, field by field: a custom field the user sets
 * replaces that custom field only, not the other prefilled ones.
 */
function withUserValues(prefilled: Record<string, unknown>, customer: Record<string, unknown>, input: Record<string, unknown>): Record<string, unknown> {
  const values = { ...prefilled, ...customer, ...input };
  const [mapped, own] = [prefilled.customFields, input.customFields];
  if (mapped && typeof mapped === "object" && own && typeof own === "object") values.customFields = { ...mapped, ...own };
  return values;
}

/**
 * Creates an FSM Request, Estimate, Work Order or Asset from a CRM record, in one transaction: the source's
 * Account, Contact or Product is synced first if it has no counterpart, the prefill and the user's values
 * are written, a Deal or Sales Order becomes the parent, and the record's timeline says where it came from.
 */
export class FsmRecordFactory {
  constructor(
    private readonly deps: FsmRecordFactoryDeps,
    private readonly prefiller: ConversionPrefiller,
  ) {}

  async createFromCrm(request: CreateFromCrmRequest): Promise<RecordBase> {
    await this.deps.inputs.check(SystemName.FSM, request.target, request.input);
    const idempotent = { userId: request.actor.userId, key: request.idempotencyKey, request: `${request.target}<${request.source}:${request.sourceId}` };
    const createdId = await this.createOnce(request, idempotent);
    return (await this.store().getMany(request.target, [createdId]))[0];
  }

  /**
   * Requests that share a key can arrive together (a client retrying before the first answer): all of them do
   * the work, the key's unique row lets one commit, and the others roll back and answer with the winner's record.
   */
  private async createOnce(request: CreateFromCrmRequest, idempotent: IdempotentRequest): Promise<string> {
    try {
      return await this.createInTransaction(request, idempotent);
    } catch (error) {
      const winner = idempotent.key ? await findIdempotentResult(this.deps.db.manager, idempotent) : null;
      if (winner) return winner.resultId;
      throw error;
    }
  }

  private createInTransaction(request: CreateFromCrmRequest, idempotent: IdempotentRequest): Promise<string> {
    return this.deps.db.transaction(async (m) => {
      const earlier = await findIdempotentResult(m, idempotent);
      if (earlier) return earlier.resultId;
      const prefill = await this.prefiller.prefill(request.source, request.sourceId, request.target, m);
      const sync = new RecordSync(this.deps, m);
      const customer = await this.resolveCustomer(sync, prefill);
      // Everything that can refuse the creation runs before the record is written: a remote FSM cannot roll it back.
      const lines = await this.lineRows(m, sync, prefill);
      // A document with lines carries the totals its lines add up to, whatever the source stored.
      const totals = lines.length ? totalsOf(lines) : null;
      const values = withUserValues(prefill.values, customer, request.input);
      const lifecycle = LIFECYCLE_OF[request.target];
      if (lifecycle) values.status = statusAtCreation(lifecycle, values.status);
      const record = await this.store().create(
        request.target,
        totals ? { ...values, subTotal: totals.subTotal, grandTotal: totals.grandTotal } : values,
        request.actor,
        m,
      );
      try {
        const owner = lineModuleOf(SystemName.FSM, prefill.target);
        if (lines.length && owner)
          await this.store().createMany(
            owner.module,
            lines.map((line) => ({ ...line, [owner.ownerField]: record.id })),
            request.actor,
            m,
          );
      } catch (error) {
        // The embedded store rolls the record back with the transaction; a remote one is told to delete it.
        await this.store()
          .delete(request.target, record.id, m)
          .catch(() => undefined);
        throw error;
      }
      if (prefill.parent)
        await this.deps.links.createParentLinks(
          [{ fsmModule: request.target, fsmId: record.id, parentModule: prefill.parent.module, parentId: prefill.parent.id, createdBy: request.actor.userId }],
          m,
        );
      for (const event of sync.events) await this.deps.history.record(m, event);
      await this.deps.timeline.add(
        m,
        request.target,
        record.id,
        "CREATED_FROM",
        `Created from CRM ${request.source} "${this.title(prefill)}" (${request.sourceId})`,
      );
      await rememberIdempotentResult(m, idempotent, request.target, record.id);
      return record.id;
    });
  }

  /** Company, Contact (and an Asset's Service or Part) are the source's counterparts, synced now if missing. */
  private async resolveCustomer(sync: RecordSync, prefill: Prefill): Promise<Record<string, string | null>> {
    const { source, target } = prefill;
    const companyId = source.accountId ? await this.counterpart(sync, "Accounts", source.accountId, "companyId") : null;
    const contactId = source.contactId ? await this.counterpart(sync, "Contacts", source.contactId, "contactId") : null;
    const customer: Record<string, string | null> = { companyId, contactId };
    if (target === ConversionTarget.Assets && source.productId) customer.serviceAndPartId = await this.requiredPart(sync, source.productId);
    return customer;
  }

  /** The new record's lines (without their owner), each item's Service or Part synced first if need be. */
  private async lineRows(m: EntityManager, sync: RecordSync, prefill: Prefill): Promise<(PricedLine & Record<string, unknown>)[]> {
    if (!prefill.lineItems.length || (prefill.target !== ConversionTarget.Estimates && prefill.target !== ConversionTarget.Work_Orders)) return [];
    const rows = [];
    for (const line of prefill.lineItems) {
      const serviceAndPartId = line.serviceAndPartId ?? (line.productId ? await this.requiredPart(sync, line.productId) : null);
      const kind = line.kind ?? (serviceAndPartId ? (await this.deps.fsm.getMany("Services_And_Parts", [serviceAndPartId], m))[0]?.type : null) ?? "Part";
      rows.push({
        position: line.position,
        kind,
        serviceAndPartId,
        quantity: line.quantity,
        listPrice: line.listPrice,
        discount: line.discount,
        tax: line.tax,
        amount: lineAmount(line, `lineItems[${line.position}]`),
      });
    }
    return rows;
  }

  /** A Product must have its Service or Part; syncing it can fail (no Unit Price), and then so does the creation. */
  private async requiredPart(sync: RecordSync, productId: string): Promise<string> {
    const id = await this.counterpart(sync, "Products", productId, "serviceAndPartId");
    if (!id)
      throw new RecordRejectedError(
        "MANDATORY_NOT_FOUND",
        "serviceAndPartId",
        "Product",
        `serviceAndPartId: CRM Product ${productId} does not sync to a Service or Part (Products sync is off or one-way from the FSM)`,
      );
    return id;
  }

  /**
   * The FSM counterpart of the source's Account, Contact or Product, synced now if it has none. When that sync is
   * refused (a Product without Unit Price, a Contact without Email), the error names the CRM record and the
   * field of the record being created, not only the counterpart's field the caller never sent.
   */
  private async counterpart(sync: RecordSync, module: "Accounts" | "Contacts" | "Products", id: string, field: string): Promise<string | null> {
    try {
      return await sync.ensureCounterpart("CRM", module, id);
    } catch (error) {
      if (!(error instanceof RecordRejectedError || error instanceof SyncFailure)) throw error;
      const label = CRM_MODULES[module].label;
      // Contacts are named by id only: their names are personal data.
      const [record] = module === "Contacts" ? [] : ((await this.deps.crm.getMany(module, [id])) as { accountName?: string; productName?: string }[]);
      const name = record ? ` "${record.accountName ?? record.productName}"` : "";
      const reason = error instanceof RecordRejectedError ? error.reason : "INVALID_DATA";
      throw new RecordRejectedError(
        reason,
        field,
        label,
        `${field}: CRM ${label}${name} (${id}) has no FSM counterpart and cannot be synced first: ${error.message}`,
      );
    }
  }

  private title(prefill: Prefill): string {
    const r = prefill.source.record;
    return String(r.dealName ?? r.subject ?? r.accountName ?? r.productName ?? r.lastName ?? "");
  }

  private store(): AnyRecordStore {
    return asAnyStore(this.deps.fsm);
  }
}

export type CreatedFsmRecord = FsmRecords["Requests" | "Estimates" | "Work_Orders" | "Assets"];
