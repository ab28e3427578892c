import type { Logger } from "pino";
import type { Config } from "./config/config";
import type { Database } from "./db/database";
import type { Services } from "./services";
import { asAnyStore } from "./common/any-record-store";
import { createEmbeddedCrmStore } from "./crm/crm-store";
import { createEmbeddedFsmStore } from "./fsm/fsm-store";
import { LinkStore } from "./links/link-store";
import { AccessService } from "./access/access-service";
import { FieldCatalogue } from "./fields/field-catalogue";
import { CatalogueRules } from "./fields/catalogue-rules";
import { RecordInputCheck } from "./fields/record-input-check";
import { SystemName } from "./fields/field-definition.entity";
import { SyncSettingsService } from "./sync/settings/sync-settings-service";
import { FieldMappingService } from "./sync/mapping/field-mapping-service";
import { PersonalDataPolicy } from "./sync/privacy/personal-data-policy";
import { Outbox } from "./sync/outbox/outbox";
import { SyncHistory } from "./sync/history/sync-history";
import { Timeline } from "./timeline/timeline";
import { SyncEngine } from "./sync/engine/sync-engine";
import { SyncedRecordWriter } from "./sync/synced-record-writer";
import { SyncWorker } from "./sync/sync-worker";
import { SYNC_EVENTS, createSyncEventsPubSub } from "./sync/sync-events";
import { ConversionMappingService } from "./conversion/conversion-mapping-service";
import { ConversionPrefiller } from "./conversion/conversion-prefill";
import { FsmRecordFactory } from "./conversion/fsm-record-factory";
import { FsmConversions } from "./conversion/fsm-conversions";
import { CrmRecordsFromFsm } from "./conversion/crm-records-from-fsm";
import { ParentLinkService } from "./links/parent-link-service";
import { OrgSettingsService } from "./org/org-settings-service";
import { IntegrationService } from "./org/integration-service";
import { CrmViews } from "./crm/views/crm-views";
import { InitialSyncRunner } from "./sync/initial/initial-sync-runner";
import { MailNotifier } from "./notifications/mail-notifier";
import { MailOutbox } from "./notifications/mail-outbox";
import { SmtpTransport } from "./notifications/smtp-transport";
import { systemClock, type Clock } from "./common/clock";
import { RunScheduler } from "./sync/history/run-scheduler";
import { createTransport, type TransportFactory } from "./remote/create-transport";
import { ZohoRecordStore } from "./remote/zoho-record-store";
import { RecordAuthors } from "./remote/authorship/record-authors";
import type { CrmStore } from "./crm/crm-store";
import type { FsmStore } from "./fsm/fsm-store";
import type { CrmRecords } from "./crm/crm-records";
import type { FsmRecords } from "./fsm/fsm-records";
import { VendorApiMetrics } from "./metrics/vendor-api-metrics";
import { createCrmChannelKeeper } from "./remote/events/crm-channel-keeper";
import { createZohoTransport, zohoCredentialsFor } from "./remote/transport/create-zoho-transport";
import { keyOf } from "./common/side";

/** Wires the process-wide services; nothing here holds per-request state. */
export function createServices(config: Config, db: Database, logger: Logger, clock: Clock = systemClock, givenTransportFactory?: TransportFactory): Services {
  const fields = new FieldCatalogue(db);
  // Before the stores: remote connectors' transports report into it.
  const vendorMetrics = new VendorApiMetrics();
  // OAuth with a request budget when the client and a refresh token are configured; else the fixed-token transport.
  const transportFactory: TransportFactory = givenTransportFactory ?? ((system, cfg) => {
    const name = keyOf(system);
    return zohoCredentialsFor(name, cfg) ? createZohoTransport(name, cfg, logger, vendorMetrics, { clock }) : createTransport(system, cfg);
  });
  const authors = new RecordAuthors(db);
  // Each system's records live in our tables (embedded, the default) or behind the vendor's REST API.
  const crm: CrmStore = config.crmConnector === "zoho"
    ? new ZohoRecordStore<CrmRecords>(transportFactory("CRM", config), SystemName.CRM, fields, authors)
    : createEmbeddedCrmStore(db, new CatalogueRules(fields, SystemName.CRM));
  const fsm: FsmStore = config.fsmConnector === "zoho"
    ? new ZohoRecordStore<FsmRecords>(transportFactory("FSM", config), SystemName.FSM, fields, authors)
    : // The FSM refuses a second Contact with the same e-mail in one Company.
      createEmbeddedFsmStore(db, new CatalogueRules(fields, SystemName.FSM, [{ module: "Contacts", field: "email", scope: "companyId" }]));
  const links = new LinkStore(db);
  const outbox = new Outbox(db);
  const syncEvents = createSyncEventsPubSub((failures, first) => logger.warn({ err: first, failures }, "sync event not delivered to some subscriptions"));
  const access = new AccessService(db);
  const mailbox = new MailOutbox(db);
  const smtp = config.smtpUrl ? new SmtpTransport(config.smtpUrl) : null;
  const notifier = new MailNotifier({ outbox: mailbox, admins: access, smtp, from: config.mailFrom, logger });
  const org = new OrgSettingsService(db, notifier);
  const views = new CrmViews(db, fields);
  const deps = {
    db, crm, fsm, links, outbox,
    settings: new SyncSettingsService(db, views),
    mappings: new FieldMappingService(db, fields),
    privacy: new PersonalDataPolicy(db),
    history: new SyncHistory(db, clock),
    timeline: new Timeline(db),
    org,
    views,
  };
  const engine = new SyncEngine(deps, (event) => syncEvents.publish(SYNC_EVENTS, event));
  const stores = { CRM: asAnyStore(crm), FSM: asAnyStore(fsm) };
  const inputs = new RecordInputCheck(db, fields, stores, config.inputLimits);
  const services = {
    ...deps,
    config,
    fields,
    inputs,
    access,
    syncSettings: deps.settings,
    engine,
    writer: new SyncedRecordWriter(db, stores, fields, inputs, outbox, engine, org),
    worker: new SyncWorker(engine, logger, config.syncPollIntervalMs, config.storageRetryMaxMs),
    syncEvents,
    notifier,
    mailbox,
    initialSync: new InitialSyncRunner(deps, notifier, logger, config.initialSyncBatchSize, config.storageRetryMaxMs),
    clock,
    runScheduler: new RunScheduler(db, deps.history, clock, logger),
    vendorMetrics,
  } as Omit<Services, "conversions" | "prefiller" | "fsmFactory" | "fsmConversions" | "crmFromFsm" | "parentLinks" | "integration" | "crmChannels"> as Services;
  // Conversion services work on the other services, so they join last.
  services.conversions = new ConversionMappingService(db, fields);
  services.prefiller = new ConversionPrefiller(services);
  services.fsmFactory = new FsmRecordFactory(services, services.prefiller);
  services.fsmConversions = new FsmConversions(services);
  services.crmFromFsm = new CrmRecordsFromFsm(services);
  services.parentLinks = new ParentLinkService(services);
  services.integration = new IntegrationService(services);
  services.crmChannels = createCrmChannelKeeper(services, logger);
  return services;
}
