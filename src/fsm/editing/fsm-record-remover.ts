import type { EntityManager } from "typeorm";
import type { Database } from "../../db/database";
import type { Actor } from "../../common/record-store";
import { asAnyStore, type AnyRecord } from "../../common/any-record-store";
import type { LinkStore } from "../../links/link-store";
import { AppError } from "../../errors/app-error";
import { ErrorCode } from "../../errors/error-code";
import { FSM_MODULES, lineModuleOf, type FsmRecords } from "../../modules/module-registry";
import { SystemName } from "../../fields/field-definition.entity";
import type { FsmStore } from "../fsm-store";
import type { EditableFsmModule } from "../../workflow/fsm-lifecycles";
import { AppointmentStatus } from "../../workflow/service-appointment-lifecycle";
import { lockedAtVersion } from "./locked-record";
import type { WorkOrderStatusFollower } from "./work-order-status-follower";

export interface FsmRecordRemoverDeps {
  db: Database;
  fsm: FsmStore;
  links: LinkStore;
  workOrderStatus: WorkOrderStatusFollower;
}

/** Records that refer to one of a module's records: while any exists, the record stays. */
const DEPENDANTS: { readonly [M in EditableFsmModule]: readonly { module: keyof FsmRecords; field: string }[] } = {
  Requests: [
    { module: "Estimates", field: "requestId" },
    { module: "Work_Orders", field: "requestId" },
  ],
  Estimates: [{ module: "Work_Orders", field: "estimateId" }],
  Work_Orders: [{ module: "Service_Appointments", field: "workOrderId" }],
  Service_Appointments: [],
  Assets: [
    { module: "Requests", field: "assetId" },
    { module: "Work_Orders", field: "assetId" },
  ],
};

/** A visit that happened is the record of work done: it is not deleted. */
const VISITED: readonly string[] = [AppointmentStatus.InProgress, AppointmentStatus.Completed, AppointmentStatus.CannotComplete];

export class DeleteNotAllowedError extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super(ErrorCode.DeleteNotAllowed, message, "id", details);
  }
}

/**
 * Deletes a Request, Estimate, Work Order, Service Appointment or Asset at the version the client read, with its
 * line items and its Deal or Sales Order link. The vendor deletes any record (DELETE /{Module}/{id}); the gateway
 * refuses, with DELETE_NOT_ALLOWED, to delete one other records depend on or a visit that took place.
 */
export class FsmRecordRemover {
  constructor(private readonly deps: FsmRecordRemoverDeps) {}

  delete(module: EditableFsmModule, id: string, expectedVersion: number, actor: Actor): Promise<string> {
    return this.deps.db.transaction(async (m) => {
      const current = await lockedAtVersion(this.deps.fsm, m, module, id, expectedVersion);
      await this.checkDeletable(m, module, current);
      const store = asAnyStore(this.deps.fsm);
      const lines = lineModuleOf(SystemName.FSM, module);
      if (lines) await store.replaceRows(lines.module, id, [], actor, m);
      for (const link of await this.deps.links.parentLinksByFsmIds(module, [id], m)) await this.deps.links.deleteParentLink(m, link.id);
      await store.delete(module, id, m);
      if (module === "Service_Appointments") await this.deps.workOrderStatus.follow(m, String(current.workOrderId), actor);
      return id;
    });
  }

  private async checkDeletable(m: EntityManager, module: EditableFsmModule, current: AnyRecord): Promise<void> {
    const label = FSM_MODULES[module].label;
    const status = typeof current.status === "string" ? current.status : null;
    if (module === "Service_Appointments" && status !== null && VISITED.includes(status)) {
      throw new DeleteNotAllowedError(`A ${status} ${label} is the record of a visit and cannot be deleted`, { module, status });
    }
    for (const { module: dependant, field } of DEPENDANTS[module]) {
      const found = await asAnyStore(this.deps.fsm).findByReference(dependant, field, [current.id], m);
      if (found.length) {
        const ids = found.slice(0, 5).map((r) => r.id);
        throw new DeleteNotAllowedError(
          `${label} "${current.id}" has ${found.length} ${FSM_MODULES[dependant].label} record(s) (${ids.join(", ")}); delete or re-point them first`,
          { module, dependantModule: dependant, dependantIds: ids },
        );
      }
    }
  }
}
