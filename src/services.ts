import type { Config } from "./config/config";
import type { Database } from "./db/database";
import type { CrmStore } from "./crm/crm-store";
import type { FsmStore } from "./fsm/fsm-store";
import type { LinkStore } from "./links/link-store";
import type { AccessService } from "./access/access-service";
import type { RecordInputCheck } from "./fields/record-input-check";
import type { FieldCatalogue } from "./fields/field-catalogue";
import type { SyncSettingsService } from "./sync/settings/sync-settings-service";
import type { FieldMappingService } from "./sync/mapping/field-mapping-service";
import type { PersonalDataPolicy } from "./sync/privacy/personal-data-policy";
import type { PersonalDataClasses } from "./sync/privacy/personal-data-classes";
import type { Outbox } from "./sync/outbox/outbox";
import type { SyncHistory } from "./sync/history/sync-history";
import type { Timeline } from "./timeline/timeline";
import type { SyncEngine } from "./sync/engine/sync-engine";
import type { SyncedRecordWriter } from "./sync/synced-record-writer";
import type { SyncWorker } from "./sync/sync-worker";
import type { SyncEventsPubSub } from "./sync/sync-events";
import type { ConversionMappingService } from "./conversion/conversion-mapping-service";
import type { ConversionPrefiller } from "./conversion/conversion-prefill";
import type { FsmRecordFactory } from "./conversion/fsm-record-factory";
import type { FsmConversions } from "./conversion/fsm-conversions";
import type { DealService } from "./crm/writes/deal-service";
import type { SalesOrderService } from "./crm/writes/sales-order-service";
import type { FsmRecordEditor } from "./fsm/editing/fsm-record-editor";
import type { FsmRecordRemover } from "./fsm/editing/fsm-record-remover";
import type { AppointmentBooking } from "./fsm/editing/appointment-booking";
import type { LineItemsEditor } from "./fsm/editing/line-items-editor";
import type { CrmRecordsFromFsm } from "./conversion/crm-records-from-fsm";
import type { ParentLinkService } from "./links/parent-link-service";
import type { SyncLinkRemoval } from "./sync/sync-link-removal";
import type { OrgSettingsService } from "./org/org-settings-service";
import type { IntegrationService } from "./org/integration-service";
import type { Notifier } from "./notifications/notifier";
import type { MailOutbox } from "./notifications/mail-outbox";
import type { CrmViews } from "./crm/views/crm-views";
import type { InitialSyncRunner } from "./sync/initial/initial-sync-runner";
import type { Clock } from "./common/clock";
import type { RunScheduler } from "./sync/history/run-scheduler";
import type { VendorApiMetrics } from "./metrics/vendor-api-metrics";
import type { CrmChannelKeeper } from "./remote/events/crm-channel-keeper";

/** Everything a request can call; built once per process, shared by all requests. */
export interface Services {
  config: Config;
  db: Database;
  crm: CrmStore;
  fsm: FsmStore;
  links: LinkStore;
  access: AccessService;
  fields: FieldCatalogue;
  /** What users write into records, checked before it is written (lengths, types, custom fields, references). */
  inputs: RecordInputCheck;
  syncSettings: SyncSettingsService;
  mappings: FieldMappingService;
  privacy: PersonalDataPolicy;
  /** The admin's personal-data class of each field. */
  personalDataClasses: PersonalDataClasses;
  outbox: Outbox;
  history: SyncHistory;
  timeline: Timeline;
  engine: SyncEngine;
  writer: SyncedRecordWriter;
  worker: SyncWorker;
  syncEvents: SyncEventsPubSub;
  conversions: ConversionMappingService;
  prefiller: ConversionPrefiller;
  fsmFactory: FsmRecordFactory;
  fsmConversions: FsmConversions;
  /** Edits of Requests, Estimates, Work Orders, Service Appointments and Assets, through their lifecycles. */
  fsmEditor: FsmRecordEditor;
  fsmRemover: FsmRecordRemover;
  appointments: AppointmentBooking;
  lineItems: LineItemsEditor;
  crmFromFsm: CrmRecordsFromFsm;
  deals: DealService;
  salesOrders: SalesOrderService;
  parentLinks: ParentLinkService;
  syncLinkRemoval: SyncLinkRemoval;
  org: OrgSettingsService;
  integration: IntegrationService;
  /** The sync's mail to admins: none while the CRM is integrated with a finance suite (SyncMailGate). */
  notifier: Notifier;
  mailbox: MailOutbox;
  views: CrmViews;
  initialSync: InitialSyncRunner;
  /** The time services read; tests pass a ManualClock. */
  clock: Clock;
  /** Closes each day's run of instant syncs and opens the next (with the worker). */
  runScheduler: RunScheduler;
  /** Metrics of the vendor APIs, shared by every Zoho transport of this gateway (merged into /metrics). */
  vendorMetrics: VendorApiMetrics;
  /** Keeps the CRM notification channel subscribed; null unless the CRM's OAuth, GATEWAY_PUBLIC_URL and CRM_NOTIFICATION_TOKEN are set. */
  crmChannels: CrmChannelKeeper | null;
}
