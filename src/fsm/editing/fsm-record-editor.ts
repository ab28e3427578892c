import type { EntityManager } from "typeorm";
import type { Database } from "../../db/database";
import type { Actor } from "../../common/record-store";
import type { Clock } from "../../common/clock";
import { asAnyStore, type AnyRecord } from "../../common/any-record-store";
import type { Timeline } from "../../timeline/timeline";
import type { RecordInputCheck } from "../../fields/record-input-check";
import { SystemName } from "../../fields/field-definition.entity";
import { FSM_MODULES } from "../../modules/module-registry";
import { BadUserInputError } from "../../errors/app-error";
import type { FsmStore } from "../fsm-store";
import { LIFECYCLE_OF, type EditableFsmModule } from "../../workflow/fsm-lifecycles";
import { checkMove, checkTransition, isStatusOf } from "../../workflow/state-machine";
import { ESTIMATE_LIFECYCLE, EstimateStatus } from "../../workflow/estimate-lifecycle";
import { REQUEST_LIFECYCLE, requestStatusAfterEstimateRejected } from "../../workflow/request-lifecycle";
import { actualTimesOnEntering, checkAppointmentTimes, SERVICE_APPOINTMENT_LIFECYCLE } from "../../workflow/service-appointment-lifecycle";
import { lockedAtVersion } from "./locked-record";
import { changedFields, describeEdit } from "./record-changes";
import type { WorkOrderStatusFollower } from "./work-order-status-follower";

export interface FsmRecordEditorDeps {
  db: Database;
  fsm: FsmStore;
  timeline: Timeline;
  inputs: RecordInputCheck;
  clock: Clock;
  workOrderStatus: WorkOrderStatusFollower;
}

type Values = Record<string, unknown>;

/**
 * Partial updates of Requests, Estimates, Work Orders, Service Appointments and Assets, one transaction each: the
 * record is locked at the version the client read, a status change must be one its lifecycle allows, what the
 * change implies for other records (a Work Order following its appointments, a Request its rejected Estimate)
 * is written with it, and the timeline says who changed what.
 */
export class FsmRecordEditor {
  constructor(private readonly deps: FsmRecordEditorDeps) {}

  update(module: EditableFsmModule, id: string, expectedVersion: number, patch: Values, actor: Actor): Promise<AnyRecord> {
    return this.edit(module, id, expectedVersion, patch, actor, checkTransition);
  }

  /** A status change that is an action (sendEstimate, acceptEstimate, rejectEstimate): done twice, it is refused. */
  changeStatus(module: EditableFsmModule, id: string, expectedVersion: number, status: string, actor: Actor): Promise<AnyRecord> {
    return this.edit(module, id, expectedVersion, { status }, actor, checkMove);
  }

  private async edit(
    module: EditableFsmModule,
    id: string,
    expectedVersion: number,
    patch: Values,
    actor: Actor,
    check: typeof checkTransition,
  ): Promise<AnyRecord> {
    await this.deps.inputs.check(SystemName.FSM, module, patch);
    return this.deps.db.transaction(async (m) => {
      const current = await lockedAtVersion(this.deps.fsm, m, module, id, expectedVersion);
      return this.write(m, module, current, this.withLifecycle(module, current, patch, check), actor);
    });
  }

  /** Writes `values` onto the locked record (nothing when nothing changes), then what follows from it. */
  async write(m: EntityManager, module: EditableFsmModule, current: AnyRecord, values: Values, actor: Actor): Promise<AnyRecord> {
    const fields = changedFields(current, values);
    if (!fields.length) return current;
    const written = await asAnyStore(this.deps.fsm).update(module, current.id, values, actor, m, current);
    const status = typeof values.status === "string" ? values.status : undefined;
    await this.deps.timeline.add(m, module, current.id, "UPDATED", describeEdit(actor.userId, current, fields, status));
    if (module === "Service_Appointments") await this.deps.workOrderStatus.follow(m, String(written.workOrderId), actor);
    if (module === "Estimates" && fields.includes("status") && status === EstimateStatus.Rejected) await this.afterEstimateRejected(m, written, actor);
    return written;
  }

  /** The patch as it may be written: its status checked against the lifecycle, and what a status records. */
  private withLifecycle(module: EditableFsmModule, current: Values, patch: Values, check: typeof checkTransition): Values {
    const machine = LIFECYCLE_OF[module];
    const status = patch.status;
    if (status !== undefined) {
      if (!machine || typeof status !== "string") throw new BadUserInputError("status", `${FSM_MODULES[module].label} has no status`);
      check(machine, String(current.status), status);
    }
    if (module === "Estimates" && status === EstimateStatus.Accepted) this.checkNotExpired(current);
    if (module !== "Service_Appointments") return patch;
    const merged = { ...current, ...patch } as Values & Parameters<typeof checkAppointmentTimes>[0];
    const times =
      typeof status === "string" && status !== current.status && isStatusOf(SERVICE_APPOINTMENT_LIFECYCLE, status)
        ? actualTimesOnEntering(status, merged, this.deps.clock.now())
        : {};
    checkAppointmentTimes({ ...merged, ...times });
    return { ...patch, ...times };
  }

  /** A customer cannot accept an offer that has lapsed. */
  private checkNotExpired(current: Values): void {
    const expiry = typeof current.expiryDate === "string" ? current.expiryDate : null;
    const today = this.deps.clock.now().toISOString().slice(0, 10);
    if (expiry !== null && expiry < today) {
      throw new BadUserInputError("status", `Estimate status cannot change from "${String(current.status)}" to "Accepted": it expired on ${expiry}`, {
        record: "Estimate",
        from: current.status,
        to: EstimateStatus.Accepted,
        expiryDate: expiry,
      });
    }
  }

  /** Its Request becomes Estimate Rejected, unless another of its estimates is still open. */
  private async afterEstimateRejected(m: EntityManager, estimate: Values, actor: Actor): Promise<void> {
    const requestId = typeof estimate.requestId === "string" ? estimate.requestId : null;
    if (!requestId) return;
    const [request] = await this.deps.fsm.getMany("Requests", [requestId], m, { forUpdate: true });
    if (!request || !isStatusOf(REQUEST_LIFECYCLE, request.status)) return;
    const others = (await this.deps.fsm.findByReference("Estimates", "requestId", [requestId], m))
      .filter((other) => other.id !== estimate.id)
      .map((other) => other.status)
      .filter((status): status is EstimateStatus => isStatusOf(ESTIMATE_LIFECYCLE, status));
    const next = requestStatusAfterEstimateRejected(request.status, others);
    if (next === request.status) return;
    await this.deps.fsm.update("Requests", requestId, { status: next }, actor, m, request);
    await this.deps.timeline.add(
      m,
      "Requests",
      requestId,
      "STATUS_CHANGED",
      `Status "${request.status}" → "${next}": Estimate ${String(estimate.id)} was rejected`,
    );
  }
}
