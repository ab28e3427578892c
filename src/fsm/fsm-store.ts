import type { RecordStore } from "../common/record-store";
import { EmbeddedRecordStore } from "../common/embedded-record-store";
import type { Database } from "../db/database";
import type { RecordRules } from "../common/record-rules";
import { FSM_ENTITIES, type FsmRecords } from "../modules/module-registry";

/** The FSM system as the gateway sees it; a remote connector for the vendor's REST API implements the same interface. */
export type FsmStore = RecordStore<FsmRecords>;

export function createEmbeddedFsmStore(db: Database, rules: RecordRules | null = null): FsmStore {
  return new EmbeddedRecordStore<FsmRecords>(db, FSM_ENTITIES, "FSM", rules);
}
