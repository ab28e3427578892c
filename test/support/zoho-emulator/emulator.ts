import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";
import express, { type RequestHandler } from "express";
import { loadConfig } from "../../../src/config/config";
import { createDataSource } from "../../../src/db/create-data-source";
import type { Database } from "../../../src/db/database";
import { createEmbeddedCrmStore } from "../../../src/crm/crm-store";
import { createEmbeddedFsmStore } from "../../../src/fsm/fsm-store";
import { CatalogueRules } from "../../../src/fields/catalogue-rules";
import { FieldCatalogue } from "../../../src/fields/field-catalogue";
import { SystemName } from "../../../src/fields/field-definition.entity";
import type { RecordBase } from "../../../src/common/record-base";
import type { RecordStore } from "../../../src/common/record-store";
import type { FieldSource } from "../../../src/remote/zoho-record-codec";
import type { EmulatorContext, LoggedRequest } from "./emulator-context";
import { createCrmRecordsApi } from "./crm-records-api";
import { createFsmRecordsApi } from "./fsm-records-api";

/** A router of the vendor side that is not about records (OAuth, rate limits, notifications), given the shared context. */
export type EmulatorRouterFactory = (context: EmulatorContext) => RequestHandler;

/**
 * Mounted before the record APIs, in this order. The transport side adds its routers here
 * (oauth: accounts server and token checks; rate-limit: 429 with Retry-After; notifications: channels and callbacks).
 */
export const VENDOR_ROUTERS: EmulatorRouterFactory[] = [];

export interface ZohoEmulator {
  /** The API domain of both systems here (CRM_API_URL and FSM_API_URL); "/crm/v8" and "/fsm/v1" follow. */
  apiUrl: string;
  crmApiUrl: string;
  fsmApiUrl: string;
  /** Where the OAuth router answers (ZOHO_ACCOUNTS_URL). */
  accountsUrl: string;
  context: EmulatorContext;
  /** The vendors' own database (fault injection: a test may take a table away). */
  db: Database;
  /** Every request answered so far. */
  requests: LoggedRequest[];
  /** The vendor's field configuration follows this source (the gateway's field catalogue in tests). */
  useFields(source: FieldSource): void;
  /** The emulator's own field configuration (the standard fields), followed until useFields. */
  standardFields: FieldSource;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  /** Routers mounted before the record APIs, after VENDOR_ROUTERS. */
  routers?: EmulatorRouterFactory[];
}

/**
 * The Zoho CRM v8 and FSM v1 record APIs on 127.0.0.1 (a random port), backed by our embedded store on an
 * in-memory database of its own, so mandatory fields, picklists and duplicates are refused as the vendors do.
 */
export async function startZohoEmulator(options: EmulatorOptions = {}): Promise<ZohoEmulator> {
  const db = createDataSource(loadConfig({}, { sqlitePath: ":memory:", databaseUrl: null, logLevel: "silent" }));
  await db.dataSource.initialize();
  await db.dataSource.runMigrations({ transaction: "each" });
  const ownCatalogue = new FieldCatalogue(db);
  await ownCatalogue.ensureStandardFields();
  let fields: FieldSource = ownCatalogue;
  const source: FieldSource = { definitionsOf: (system, module) => fields.definitionsOf(system, module) };
  const stores = {
    [SystemName.CRM]: createEmbeddedCrmStore(db, new CatalogueRules(source, SystemName.CRM)),
    [SystemName.FSM]: createEmbeddedFsmStore(db, new CatalogueRules(source, SystemName.FSM, [{ module: "Contacts", field: "email", scope: "companyId" }])),
  } as unknown as Record<SystemName, RecordStore<Record<string, RecordBase>>>;
  const context: EmulatorContext = { stores, fields: source, requests: [], changes: new EventEmitter(), acceptsToken: (token) => token.length > 0 };

  const app = express();
  for (const factory of [...VENDOR_ROUTERS, ...(options.routers ?? [])]) app.use(factory(context));
  app.use("/crm/v8", createCrmRecordsApi(context));
  app.use("/fsm/v1", createFsmRecordsApi(context));
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl,
    crmApiUrl: `${apiUrl}/crm/v8`,
    fsmApiUrl: `${apiUrl}/fsm/v1`,
    accountsUrl: `${apiUrl}/accounts`,
    context,
    db,
    requests: context.requests,
    standardFields: ownCatalogue,
    useFields: (next) => {
      fields = next;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.dataSource.destroy();
    },
  };
}
