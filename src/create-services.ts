import type { Logger } from "pino";
import type { Config } from "./config/config";
import type { Database } from "./db/database";
import type { Services } from "./services";
import { asAnyStore } from "./common/any-record-store";
import { systemClock, type Clock } from "./common/clock";
import { keyOf } from "./common/side";
import { createEmbeddedCrmStore, type CrmStore } from "./crm/crm-store";
import { createEmbeddedFsmStore, type FsmStore } from "./fsm/fsm-store";
import type { CrmRecords, FsmRecords } from "./modules/module-registry";
import { CrmViews } from "./crm/views/crm-views";
import { LinkStore } from "./links/link-store";
import { ParentLinkService } from "./links/parent-link-service";
import { AccessService } from "./access/access-service";
import { FieldCatalogue } from "./fields/field-catalogue";
import { CatalogueRules } from "./fields/catalogue-rules";
import { RecordInputCheck } from "./fields/record-input-check";
import { SystemName } from "./fields/field-definition.entity";
import { Timeline } from "./timeline/timeline";
import { MailNotifier } from "./notifications/mail-notifier";
import { SyncMailGate } from "./notifications/sync-mail-gate";
import { MailOutbox } from "./notifications/mail-outbox";
import { SmtpTransport } from "./notifications/smtp-transport";
import { OrgSettingsService } from "./org/org-settings-service";
import { IntegrationService } from "./org/integration-service";
import { VendorApiMetrics } from "./metrics/vendor-api-metrics";
import { createTransport, type TransportFactory } from "./remote/create-transport";
import { ZohoRecordStore } from "./remote/zoho-record-store";
import { RecordAuthors } from "./remote/authorship/record-authors";
import { createZohoTransport, zohoCredentialsFor } from "./remote/transport/create-zoho-transport";
import { createCrmChannelKeeper } from "./remote/events/crm-channel-keeper";
import type { SyncDeps } from "./sync/engine/sync-deps";
import { SyncSettingsService } from "./sync/settings/sync-settings-service";
import { FieldMappingService } from "./sync/mapping/field-mapping-service";
import { PersonalDataPolicy } from "./sync/privacy/personal-data-policy";
import { PersonalDataClasses } from "./sync/privacy/personal-data-classes";
import { Outbox } from "./sync/outbox/outbox";
import { SyncHistory } from "./sync/history/sync-history";
import { RunScheduler } from "./sync/history/run-scheduler";
import { SyncEngine } from "./sync/engine/sync-engine";
import { SyncedRecordWriter } from "./sync/synced-record-writer";
import { SyncWorker } from "./sync/sync-worker";
import { SYNC_EVENTS, createSyncEventsPubSub } from "./sync/sync-events";
import { SyncLinkRemoval } from "./sync/sync-link-removal";
import { InitialSyncRunner } from "./sync/initial/initial-sync-runner";
import { ConversionMappingService } from "./conversion/conversion-mapping-service";
import { ConversionPrefiller } from "./conversion/conversion-prefill";
import { FsmRecordFactory } from "./conversion/fsm-record-factory";
import { FsmConversions } from "./conversion/fsm-conversions";
import { FsmRecordEditor } from "./fsm/editing/fsm-record-editor";
import { FsmRecordRemover } from "./fsm/editing/fsm-record-remover";
import { AppointmentBooking } from "./fsm/editing/appointment-booking";
import { LineItemsEditor } from "./fsm/editing/line-items-editor";
import { WorkOrderStatusFollower } from "./fsm/editing/work-order-status-follower";
import { CrmRecordsFromFsm } from "./conversion/crm-records-from-fsm";
import { DealService } from "./crm/writes/deal-service";
import { SalesOrderService } from "./crm/writes/sales-order-service";

/**
 * The composition root: builds every process-wide service once, each from exactly what it uses, in the order
 * they depend on each other (stores, then sync, then conversions, then the org's integration). Nothing here
 * holds per-request state; the result is the registry requests read through their context.
 */
export function createServices(config: Config, db: Database, logger: Logger, clock: Clock = systemClock, givenTransportFactory?: TransportFactory): Services {
  // Stores. Each system's records live in our tables (embedded, the default) or behind the vendor's REST API.
  const fields = new FieldCatalogue(db);
  // Before the stores: remote connectors' transports report into it.
  const vendorMetrics = new VendorApiMetrics();
  // OAuth with a request budget when the client and a refresh token are configured; else the fixed-token transport.
  const transportFactory: TransportFactory =
    givenTransportFactory ??
    ((system, cfg) => {
      const name = keyOf(system);
      return zohoCredentialsFor(name, cfg) ? createZohoTransport(name, cfg, logger, vendorMetrics, { clock }) : createTransport(system, cfg);
    });
  const authors = new RecordAuthors(db);
  const crm: CrmStore =
    config.crmConnector === "zoho"
      ? new ZohoRecordStore<CrmRecords>(transportFactory("CRM", config), SystemName.CRM, fields, authors)
      : createEmbeddedCrmStore(db, new CatalogueRules(fields, SystemName.CRM));
  const fsm: FsmStore =
    config.fsmConnector === "zoho"
      ? new ZohoRecordStore<FsmRecords>(transportFactory("FSM", config), SystemName.FSM, fields, authors)
      : // The FSM refuses a second Contact with the same e-mail in one Company.
        createEmbeddedFsmStore(db, new CatalogueRules(fields, SystemName.FSM, [{ module: "Contacts", field: "email", scope: "companyId" }]));
  const stores = { CRM: asAnyStore(crm), FSM: asAnyStore(fsm) };
  const links = new LinkStore(db);
  const timeline = new Timeline(db);
  const views = new CrmViews(db, fields);
  const inputs = new RecordInputCheck(db, fields, stores, config.inputLimits);

  // Who is told about what, and the org's own settings.
  const access = new AccessService(db);
  const mailbox = new MailOutbox(db);
  const smtp = config.smtpUrl ? new SmtpTransport(config.smtpUrl) : null;
  const adminMail = new MailNotifier({ outbox: mailbox, admins: access, smtp, from: config.mailFrom, logger });
  const org = new OrgSettingsService(db, adminMail);
  const notifier = new SyncMailGate(adminMail, org, logger);

  // Sync.
  const syncSettings = new SyncSettingsService(db, views);
  const mappings = new FieldMappingService(db, fields);
  const privacy = new PersonalDataPolicy(db);
  const personalDataClasses = new PersonalDataClasses({ db, fields, mappings, privacy, logger });
  const outbox = new Outbox(db);
  const history = new SyncHistory(db, clock);
  const syncDeps: SyncDeps = { db, crm, fsm, links, settings: syncSettings, mappings, outbox, history, timeline, org, views };
  const syncEvents = createSyncEventsPubSub((failures, first) => logger.warn({ err: first, failures }, "sync event not delivered to some subscriptions"));
  const engine = new SyncEngine(syncDeps, (event) => syncEvents.publish(SYNC_EVENTS, event));
  const writer = new SyncedRecordWriter(db, stores, fields, inputs, outbox, engine, org);
  const worker = new SyncWorker(engine, logger, config.syncPollIntervalMs, config.storageRetryMaxMs);
  const initialSync = new InitialSyncRunner(syncDeps, notifier, logger, config.initialSyncBatchSize, config.storageRetryMaxMs);
  const runScheduler = new RunScheduler(db, history, clock, logger);
  const syncLinkRemoval = new SyncLinkRemoval({ db, links, history, timeline });

  // Conversions: records created on one side from the other's.
  const conversions = new ConversionMappingService(db, fields);
  const prefiller = new ConversionPrefiller({ conversions, fields, privacy, links, crm, fsm });
  const fsmFactory = new FsmRecordFactory({ ...syncDeps, inputs }, prefiller);
  const fsmConversions = new FsmConversions({ db, fsm, links, timeline, inputs });
  const crmFromFsm = new CrmRecordsFromFsm({ crm, fsm, links, inputs });
  // CRM Deals and Sales Orders written from the CRM side.
  const deals = new DealService({ db, crm, links, inputs, catalogue: fields });
  const salesOrders = new SalesOrderService({ db, crm, links, inputs, catalogue: fields });
  const parentLinks = new ParentLinkService({ db, crm, fsm, links, timeline });

  // The service workflow: FSM records edited through their lifecycles (docs/workflow.md).
  const workOrderStatus = new WorkOrderStatusFollower(fsm, timeline);
  const fsmEditor = new FsmRecordEditor({ db, fsm, timeline, inputs, clock, workOrderStatus });
  const fsmRemover = new FsmRecordRemover({ db, fsm, links, workOrderStatus });
  const appointments = new AppointmentBooking({ db, fsm, timeline, inputs, workOrderStatus });
  const lineItems = new LineItemsEditor({ db, fsm, timeline, inputs });

  // The org's integration: install, integrate (starts the initial sync), the CRM's notification channel.
  const integration = new IntegrationService({ org, mappings, syncSettings, initialSync, fields, profiles: access });
  const crmChannels = createCrmChannelKeeper(config, vendorMetrics, clock, logger);

  return {
    config,
    db,
    clock,
    vendorMetrics,
    crm,
    fsm,
    links,
    views,
    fields,
    inputs,
    timeline,
    access,
    mailbox,
    notifier,
    org,
    syncSettings,
    mappings,
    privacy,
    personalDataClasses,
    outbox,
    history,
    syncEvents,
    engine,
    writer,
    worker,
    initialSync,
    runScheduler,
    conversions,
    prefiller,
    fsmFactory,
    fsmConversions,
    fsmEditor,
    fsmRemover,
    appointments,
    lineItems,
    crmFromFsm,
    deals,
    salesOrders,
    parentLinks,
    syncLinkRemoval,
    integration,
    crmChannels,
  };
}
