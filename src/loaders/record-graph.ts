import {
  COUNTERPART,
  type CrmModule,
  type CrmRecords,
  type FsmModule,
  type FsmRecords,
  type ParentModule,
  type SyncedCrmModule,
} from "../modules/module-registry";
import type { RecordBase } from "../common/record-base";
import type { ParentLink } from "../links/parent-link.entity";
import type { Loaders } from "./loaders";
import { byPositionOrder, inOrder, newerFirst } from "./record-order";

type FsmCustomerModule = "Requests" | "Estimates" | "Work_Orders" | "Assets";

function newestFirst<T extends RecordBase>(records: readonly T[]): T[] {
  return inOrder(records, newerFirst) as T[];
}

function byPosition<T extends { position: number }>(items: readonly T[]): T[] {
  return inOrder(items, byPositionOrder) as T[];
}

function present<T>(value: T | null | undefined | Error): value is T {
  return value !== null && value !== undefined && !(value instanceof Error);
}

/**
 * Walks relations across the two systems the way a client of two remote APIs would: through sync links and
 * parent links, never through SQL joins. Every step goes through a per-request loader, so a nested query costs
 * the same number of statements whatever the number of rows.
 */
export class RecordGraph {
  constructor(private readonly loaders: Loaders) {}

  async fsmCounterpartId(crmModule: SyncedCrmModule, crmId: string): Promise<string | null> {
    return (await this.loaders.syncLinkByCrmId(crmModule).load(crmId))?.fsmId ?? null;
  }

  async fsmCounterpart<M extends SyncedCrmModule>(crmModule: M, crmId: string) {
    const fsmId = await this.fsmCounterpartId(crmModule, crmId);
    const fsmModule: (typeof COUNTERPART)[M]["fsmModule"] = COUNTERPART[crmModule].fsmModule;
    return fsmId ? this.loaders.fsmById(fsmModule).load(fsmId) : null;
  }

  async crmCounterpart<M extends SyncedCrmModule>(crmModule: M, fsmId: string | null): Promise<CrmRecords[M] | null> {
    if (!fsmId) return null;
    const link = await this.loaders.syncLinkByFsmId(COUNTERPART[crmModule].fsmModule).load(fsmId);
    return link ? this.loaders.crmById(crmModule).load(link.crmId) : null;
  }

  /** FSM records of a CRM Account, Contact or Product, found through its synced counterpart. */
  async fsmRecordsOf<M extends FsmCustomerModule>(crmModule: SyncedCrmModule, crmId: string, fsmModule: M): Promise<FsmRecords[M][]> {
    const fsmId = await this.fsmCounterpartId(crmModule, crmId);
    if (!fsmId) return [];
    const field = COUNTERPART[crmModule].fsmField as keyof FsmRecords[M] & string;
    return newestFirst(await this.loaders.fsmByField(fsmModule, field).load(fsmId));
  }

  async serviceAppointmentsOfWorkOrders(workOrderIds: string[]): Promise<FsmRecords["Service_Appointments"][]> {
    const groups = await this.loaders.fsmByField("Service_Appointments", "workOrderId").loadMany(workOrderIds);
    return newestFirst(groups.filter(present).flat());
  }

  /** Requests, Estimates, Work Orders or Assets whose parent is this Deal or Sales Order. */
  async childrenOf<M extends FsmCustomerModule>(parentModule: ParentModule, parentId: string, fsmModule: M): Promise<FsmRecords[M][]> {
    const links = await this.loaders.parentLinksByParentId(parentModule).load(parentId);
    const ids = links.filter((link) => link.fsmModule === fsmModule).map((link) => link.fsmId);
    return newestFirst((await this.loaders.fsmById(fsmModule).loadMany(ids)).filter(present));
  }

  parentLinkOf(fsmModule: FsmCustomerModule, fsmId: string): Promise<ParentLink | null> {
    return this.loaders.parentLinkByFsmId(fsmModule).load(fsmId);
  }

  async parentOf<P extends ParentModule>(fsmModule: FsmCustomerModule, fsmId: string, parentModule: P): Promise<CrmRecords[P] | null> {
    const link = await this.parentLinkOf(fsmModule, fsmId);
    return link?.parentModule === parentModule ? this.loaders.crmById(parentModule).load(link.parentId) : null;
  }

  /** A lookup inside one system: the record an id field points at. */
  crmRecord<M extends CrmModule>(module: M, id: string | null): Promise<CrmRecords[M] | null> {
    return id ? this.loaders.crmById(module).load(id) : Promise.resolve(null);
  }

  fsmRecord<M extends FsmModule>(module: M, id: string | null): Promise<FsmRecords[M] | null> {
    return id ? this.loaders.fsmById(module).load(id) : Promise.resolve(null);
  }

  /** A one-to-many inside one system: the records whose field points at this id. */
  async crmRecordsByField<M extends CrmModule>(module: M, field: keyof CrmRecords[M] & string, id: string): Promise<CrmRecords[M][]> {
    return newestFirst(await this.loaders.crmByField(module, field).load(id));
  }

  async fsmRecordsByField<M extends FsmModule>(module: M, field: keyof FsmRecords[M] & string, id: string): Promise<FsmRecords[M][]> {
    return newestFirst(await this.loaders.fsmByField(module, field).load(id));
  }

  async lineItemsOf<M extends "Estimate_Line_Items" | "Work_Order_Line_Items">(
    module: M,
    field: keyof FsmRecords[M] & string,
    id: string,
  ): Promise<FsmRecords[M][]> {
    return byPosition(await this.loaders.fsmByField(module, field).load(id));
  }

  async salesOrderLineItems(salesOrderId: string): Promise<CrmRecords["Sales_Order_Line_Items"][]> {
    return byPosition(await this.loaders.crmByField("Sales_Order_Line_Items", "salesOrderId").load(salesOrderId));
  }
}
