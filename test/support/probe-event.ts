import { SyncEvent, SyncFlow, SyncStatus } from "../../src/sync/history/sync-event.entity";
import { SyncPair } from "../../src/sync/sync-pair";

/** A sync event no run wrote (run and reason "PROBE"): published to learn when a subscription is listening. */
export function probeEvent(overrides: Partial<SyncEvent> = {}): SyncEvent {
  return Object.assign(new SyncEvent(), {
    id: `probe-${Math.random()}`,
    runId: "PROBE",
    entryId: null,
    pair: SyncPair.ACCOUNTS_COMPANIES,
    flow: SyncFlow.CRM_TO_FSM,
    operation: "UPDATE",
    crmId: null,
    fsmId: null,
    status: SyncStatus.SKIPPED,
    reason: "PROBE",
    message: null,
    skippedPersonalFields: 0,
    conflicts: [],
    time: new Date(),
    ...overrides,
  });
}
