import type { RecordStore } from "../common/record-store";
import { EmbeddedRecordStore } from "../common/embedded-record-store";
import type { Database } from "../db/database";
import type { RecordRules } from "../common/record-rules";
import { CRM_ENTITIES, type CrmRecords } from "../modules/module-registry";

/** The CRM as the gateway sees it; a remote connector for the vendor's REST API implements the same interface. */
export type CrmStore = RecordStore<CrmRecords>;

export function createEmbeddedCrmStore(db: Database, rules: RecordRules | null = null): CrmStore {
  return new EmbeddedRecordStore<CrmRecords>(db, CRM_ENTITIES, "CRM", rules);
}
