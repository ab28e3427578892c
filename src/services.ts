import type { Config } from "./config/config";
import type { Database } from "./db/database";
import type { CrmStore } from "./crm/crm-store";
import type { FsmStore } from "./fsm/fsm-store";
import type { LinkStore } from "./links/link-store";
import type { AccessService } from "./access/access-service";
import type { FieldCatalogue } from "./fields/field-catalogue";
import type { DeepLinks } from "./links/deep-links";
import type { SyncSettingsService } from "./sync/settings/sync-settings-service";
import type { FieldMappingService } from "./sync/mapping/field-mapping-service";
import type { PersonalDataPolicy } from "./sync/privacy/personal-data-policy";
import type { Outbox } from "./sync/outbox/outbox";
import type { SyncHistory } from "./sync/history/sync-history";
import type { Timeline } from "./timeline/timeline";
import type { SyncEngine } from "./sync/engine/sync-engine";
import type { SyncedRecordWriter } from "./sync/synced-record-writer";
import type { SyncWorker } from "./sync/sync-worker";
import type { SyncEventsPubSub } from "./sync/sync-events";

/** Everything a request can call; built once per process, shared by all requests. */
export interface Services {
  config: Config;
  db: Database;
  crm: CrmStore;
  fsm: FsmStore;
  links: LinkStore;
  access: AccessService;
  fields: FieldCatalogue;
  deepLinks: DeepLinks;
  syncSettings: SyncSettingsService;
  mappings: FieldMappingService;
  privacy: PersonalDataPolicy;
  outbox: Outbox;
  history: SyncHistory;
  timeline: Timeline;
  engine: SyncEngine;
  writer: SyncedRecordWriter;
  worker: SyncWorker;
  syncEvents: SyncEventsPubSub;
}
