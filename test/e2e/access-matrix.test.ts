import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from "graphql";
import { WebSocket } from "ws";
import { createClient } from "graphql-ws";
import { buildGatewaySchema } from "../../src/schema/build-schema";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { postGraphQL, type GraphQLResponse } from "../support/graphql-client";
import { InstallMode, InstallState } from "../../src/org/install-state";
import { ADMINISTRATOR_PROFILE, STANDARD_PROFILE } from "../../src/access/user.entity";
import { SYNC_EVENTS } from "../../src/sync/sync-events";
import { InitialSyncJob } from "../../src/sync/initial/initial-sync-job.entity";
import { probeEvent } from "../support/probe-event";

/**
 * Every root query and mutation × every kind of caller → the outcome its access rule promises.
 *
 * The rules (domain notes §5, issue 6): configuration, sync history, users and tokens are for Administrators;
 * FSM data and every FSM create, link and sync operation are for the users the integration is installed for
 * (admins only, all users, or chosen profiles); plain CRM data is for any signed-in user; nothing is for
 * anonymous callers. Each root field of the schema must be in RULES, so an operation added without deciding
 * its rule fails this test.
 *
 * "Allowed" means the auth checker let the call through: the answer has no UNAUTHENTICATED or FORBIDDEN error.
 * The arguments are minimal and mostly fake ids, so NOT_FOUND, BAD_USER_INPUT or CONFLICT are fine; a
 * request the schema refuses (HTTP 400), or an INTERNAL_SERVER_ERROR, fails the test: it would prove nothing.
 */

/** Who may call a root field. */
enum Rule {
  /** Any signed-in user: plain CRM data and the caller's own identity. */
  SignedIn = "SIGNED_IN",
  /** Users in the install scope (Permission.FsmAccess): FSM data, FSM creates, links, conversions, sync. */
  Fsm = "FSM",
  /** Administrators (Permission.Admin): configuration, sync history, install, users and tokens. */
  Admin = "ADMIN",
}

/** A field's rule, and argument values where the generic ones (built from the argument types) would not do. */
type Entry = Rule | { rule: Rule; args: Record<string, unknown> };

const FAKE_ID = "00000000-0000-4000-8000-00000000dead";

const QUERIES: Record<string, Entry> = {
  me: Rule.SignedIn,
  fields: Rule.SignedIn,
  // CRM records
  account: Rule.SignedIn,
  accounts: Rule.SignedIn,
  crmContact: Rule.SignedIn,
  crmContacts: Rule.SignedIn,
  product: Rule.SignedIn,
  products: Rule.SignedIn,
  deal: Rule.SignedIn,
  deals: Rule.SignedIn,
  salesOrder: Rule.SignedIn,
  salesOrders: Rule.SignedIn,
  // FSM records
  company: Rule.Fsm,
  companies: Rule.Fsm,
  fsmContact: Rule.Fsm,
  fsmContacts: Rule.Fsm,
  serviceAndPart: Rule.Fsm,
  servicesAndParts: Rule.Fsm,
  request: Rule.Fsm,
  requests: Rule.Fsm,
  estimate: Rule.Fsm,
  estimates: Rule.Fsm,
  workOrder: Rule.Fsm,
  workOrders: Rule.Fsm,
  serviceAppointment: Rule.Fsm,
  serviceAppointments: Rule.Fsm,
  asset: Rule.Fsm,
  assets: Rule.Fsm,
  conversionPrefill: Rule.Fsm,
  linkableFsmRecords: Rule.Fsm,
  // Configuration and history
  orgSettings: Rule.Admin,
  syncSettings: Rule.Admin,
  fieldMappings: Rule.Admin,
  personalDataSettings: Rule.Admin,
  settingsChanges: Rule.Admin,
  conversionMappings: Rule.Admin,
  crmViews: Rule.Admin,
  initialSyncDryRun: Rule.Admin,
  initialSyncJob: Rule.Admin,
  initialSyncJobs: Rule.Admin,
  syncRun: Rule.Admin,
  syncRuns: Rule.Admin,
  heldDeletions: Rule.Admin,
  adminMailbox: Rule.Admin,
  users: Rule.Admin,
  tokens: Rule.Admin,
};

const MUTATIONS: Record<string, Entry> = {
  // CRM records (their sync to the FSM is the organisation's, not the caller's)
  createAccount: Rule.SignedIn,
  updateAccount: Rule.SignedIn,
  deleteAccount: Rule.SignedIn,
  createCrmContact: Rule.SignedIn,
  updateCrmContact: Rule.SignedIn,
  deleteCrmContact: Rule.SignedIn,
  createProduct: Rule.SignedIn,
  updateProduct: Rule.SignedIn,
  deleteProduct: Rule.SignedIn,
  createDeal: Rule.SignedIn,
  updateDeal: Rule.SignedIn,
  deleteDeal: Rule.SignedIn,
  createSalesOrder: Rule.SignedIn,
  updateSalesOrder: Rule.SignedIn,
  deleteSalesOrder: Rule.SignedIn,
  // FSM records
  createCompany: Rule.Fsm,
  updateCompany: Rule.Fsm,
  deleteCompany: Rule.Fsm,
  createFsmContact: Rule.Fsm,
  updateFsmContact: Rule.Fsm,
  deleteFsmContact: Rule.Fsm,
  createServiceAndPart: Rule.Fsm,
  updateServiceAndPart: Rule.Fsm,
  deleteServiceAndPart: Rule.Fsm,
  // FSM records from CRM records, links, conversions, CRM records from FSM records, sync now
  createRequestFromCrm: Rule.Fsm,
  createEstimateFromCrm: Rule.Fsm,
  createWorkOrderFromCrm: Rule.Fsm,
  createAssetFromCrm: Rule.Fsm,
  linkToParent: Rule.Fsm,
  unlinkFromParent: Rule.Fsm,
  convertRequestToEstimate: Rule.Fsm,
  convertRequestToWorkOrder: Rule.Fsm,
  convertEstimateToWorkOrder: Rule.Fsm,
  createDealFromFsm: Rule.Fsm,
  createSalesOrderFromFsm: Rule.Fsm,
  syncRecordNow: Rule.Fsm,
  removeSyncLink: Rule.Fsm,
  // The service workflow: FSM edits through their lifecycles
  updateRequest: Rule.Fsm,
  updateEstimate: Rule.Fsm,
  updateWorkOrder: Rule.Fsm,
  updateServiceAppointment: Rule.Fsm,
  updateAsset: Rule.Fsm,
  deleteRequest: Rule.Fsm,
  deleteEstimate: Rule.Fsm,
  deleteWorkOrder: Rule.Fsm,
  deleteServiceAppointment: Rule.Fsm,
  deleteAsset: Rule.Fsm,
  sendEstimate: Rule.Fsm,
  acceptEstimate: Rule.Fsm,
  rejectEstimate: Rule.Fsm,
  scheduleServiceAppointment: Rule.Fsm,
  replaceEstimateLineItems: Rule.Fsm,
  replaceWorkOrderLineItems: Rule.Fsm,
  // Configuration
  defineCustomField: Rule.Admin,
  updateSyncSettings: Rule.Admin,
  replaceFieldMappings: { rule: Rule.Admin, args: { pair: "ACCOUNTS_COMPANIES", mappings: [] } },
  restrictCrmPersonalData: Rule.Admin,
  setFieldPersonalDataClass: Rule.Admin,
  setFsmPersonalDataApiAccess: { rule: Rule.Admin, args: { enabled: true } },
  replaceConversionMapping: {
    rule: Rule.Admin,
    args: { sourceModule: "Accounts", targetModule: "Requests", fields: [{ targetField: "No_Such_Field", defaultValue: "x" }] },
  },
  createCrmView: Rule.Admin,
  startInitialSync: Rule.Admin,
  confirmHeldDeletions: Rule.Admin,
  discardHeldDeletions: Rule.Admin,
  // The organisation: editions, install, integrate, deep links
  setEditions: { rule: Rule.Admin, args: { crmEdition: "STANDARD", fsmEdition: "STANDARD" } },
  setFinanceSuiteIntegration: { rule: Rule.Admin, args: { integrated: false } },
  installIntegration: Rule.Admin,
  integrate: Rule.Admin,
  changeInstallScope: Rule.Admin,
  uninstallIntegration: Rule.Admin,
  setDeepLinkBaseUrls: Rule.Admin,
  // Users and tokens
  createUser: Rule.Admin,
  updateUser: { rule: Rule.Admin, args: { id: FAKE_ID, active: true } },
  issueToken: Rule.Admin,
  revokeToken: Rule.Admin,
};

/** Subscriptions are checked below over WebSocket (and in sync-subscription.test.ts), not in the HTTP matrix. */
const SUBSCRIPTIONS: Record<string, Rule> = {
  syncEvents: Rule.Fsm,
};

type Outcome = "ALLOWED" | "UNAUTHENTICATED" | "FORBIDDEN";

interface Caller {
  name: string;
  /** The profile of the caller's user; null: no token at all. */
  profile: string | null;
  /** The organisation's install scope while this caller runs. */
  scope: { mode: InstallMode; profiles: string[] | null };
  expected(rule: Rule): Outcome;
}

const inScope = (rule: Rule): Outcome => (rule === Rule.Admin ? "FORBIDDEN" : "ALLOWED");
const outOfScope = (rule: Rule): Outcome => (rule === Rule.SignedIn ? "ALLOWED" : "FORBIDDEN");

const CALLERS: Caller[] = [
  { name: "anonymous", profile: null, scope: { mode: InstallMode.ALL_USERS, profiles: null }, expected: () => "UNAUTHENTICATED" },
  { name: "Administrator", profile: ADMINISTRATOR_PROFILE, scope: { mode: InstallMode.ALL_USERS, profiles: null }, expected: () => "ALLOWED" },
  {
    name: "Administrator, admins-only install",
    profile: ADMINISTRATOR_PROFILE,
    scope: { mode: InstallMode.ADMINS_ONLY, profiles: null },
    expected: () => "ALLOWED",
  },
  { name: "Standard, installed for all users", profile: STANDARD_PROFILE, scope: { mode: InstallMode.ALL_USERS, profiles: null }, expected: inScope },
  {
    name: "Standard, outside an admins-only install",
    profile: STANDARD_PROFILE,
    scope: { mode: InstallMode.ADMINS_ONLY, profiles: null },
    expected: outOfScope,
  },
  {
    name: "custom profile Field Sales, a chosen profile",
    profile: "Field Sales",
    scope: { mode: InstallMode.CHOSEN_PROFILES, profiles: ["Field Sales"] },
    expected: inScope,
  },
  {
    name: "Standard, outside the chosen profiles",
    profile: STANDARD_PROFILE,
    scope: { mode: InstallMode.CHOSEN_PROFILES, profiles: ["Field Sales"] },
    expected: outOfScope,
  },
];

const ruleOf = (entry: Entry): Rule => (typeof entry === "string" ? entry : entry.rule);
const argsOf = (entry: Entry): Record<string, unknown> => (typeof entry === "string" ? {} : entry.args);

/** A value of the type that passes GraphQL's own coercion: fake ids, "x", 1, the first enum value, required input fields. */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sampleValue(f.type)]),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "ID":
        return FAKE_ID;
      case "String":
        return "x";
      case "Int":
      case "Float":
        return 1;
      case "Boolean":
        return false;
      case "DateTimeISO":
        return new Date(Date.now() + 86_400_000).toISOString();
      case "JSONObject":
        return {};
    }
  }
  throw new Error(`No sample value for ${String(type)}: add the argument to the field's entry`);
}

const required = (arg: GraphQLArgument) => isNonNullType(arg.type) && arg.defaultValue === undefined;

/** `mutation($a: T!) { field(a: $a) { __typename } }` with the entry's arguments, else samples of the required ones. */
function operationFor(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>, entry: Entry): { query: string; variables: Record<string, unknown> } {
  const given = argsOf(entry);
  const args = field.args.filter((arg) => arg.name in given || required(arg));
  const variables = Object.fromEntries(args.map((arg) => [arg.name, arg.name in given ? given[arg.name] : sampleValue(arg.type)]));
  const definitions = args.length ? `(${args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(", ")})` : "";
  const call = args.length ? `(${args.map((arg) => `${arg.name}: $${arg.name}`).join(", ")})` : "";
  const selection = isLeafType(getNamedType(field.type)) ? "" : " { __typename }";
  return { query: `${kind} Matrix${definitions} { ${field.name}${call}${selection} }`, variables };
}

function outcomeOf(response: GraphQLResponse<unknown>): Outcome | `BROKEN ${string}` {
  const errors = response.errors ?? [];
  const codes = errors.map((e) => String(e.extensions?.code));
  if (codes.includes("UNAUTHENTICATED")) return "UNAUTHENTICATED";
  if (codes.includes("FORBIDDEN")) return "FORBIDDEN";
  const broken = errors.find((e) => response.status >= 400 || e.extensions?.code === "INTERNAL_SERVER_ERROR");
  if (broken || response.status >= 400) return `BROKEN HTTP ${response.status} ${String(broken?.extensions?.code)}: ${broken?.message}`;
  return "ALLOWED";
}

describe("access matrix: every root query and mutation × every kind of caller", () => {
  let t: TestGateway;
  let queryType: GraphQLObjectType;
  let mutationType: GraphQLObjectType;
  let subscriptionType: GraphQLObjectType | null | undefined;
  const tokens = new Map<Caller, string | null>();

  beforeAll(async () => {
    const schema = await buildGatewaySchema();
    queryType = schema.getQueryType()!;
    mutationType = schema.getMutationType()!;
    subscriptionType = schema.getSubscriptionType();
    t = await startTestGateway({ syncWorker: false });
    // A user and token of its own per caller, so no caller's requests count against another's.
    for (const [index, caller] of CALLERS.entries()) {
      if (!caller.profile) {
        tokens.set(caller, null);
        continue;
      }
      const user = await t.services.access.createUser({ name: `Caller ${index}`, email: `caller${index}@matrix.example`, profile: caller.profile });
      tokens.set(caller, (await t.services.access.issueToken(user.id, "matrix")).token);
    }
  });
  afterAll(() => t?.stop());

  it("has a rule for every root field of the schema, and no rule for a field that is gone", () => {
    expect(Object.keys(queryType.getFields()).sort()).toEqual(Object.keys(QUERIES).sort());
    expect(Object.keys(mutationType.getFields()).sort()).toEqual(Object.keys(MUTATIONS).sort());
    expect(Object.keys(subscriptionType?.getFields() ?? {}).sort()).toEqual(Object.keys(SUBSCRIPTIONS).sort());
  });

  /**
   * The organisation integrated, with the caller's install scope. Reset before every request: the admin's
   * calls change it (uninstallIntegration, changeInstallScope, setEditions, …).
   */
  async function orgFor(caller: Caller) {
    const org = await t.services.org.get();
    const wanted = { installState: InstallState.INTEGRATED, installMode: caller.scope.mode, installProfiles: caller.scope.profiles, statusReason: null };
    const same =
      org.installState === wanted.installState &&
      org.installMode === wanted.installMode &&
      JSON.stringify(org.installProfiles) === JSON.stringify(wanted.installProfiles);
    if (!same) await t.services.org.update(wanted, "matrix", "matrix:reset");
  }

  /**
   * Known defect, not an access question: an initial sync's id is INIT-<time to the second>, so a second start
   * within the second the previous one started (possible here, where each job ends at once) fails with
   * INTERNAL_SERVER_ERROR on the job's primary key. Wait for the next second rather than hide the outcome.
   */
  async function beforeInitialSyncStart() {
    await t.services.initialSync.idle();
    const [last] = await t.services.db.manager.find(InitialSyncJob, { order: { startedTime: "DESC" }, take: 1 });
    if (last && Math.floor(last.startedTime.getTime() / 1000) === Math.floor(Date.now() / 1000)) {
      await new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)));
    }
  }

  for (const caller of CALLERS) {
    it(`${caller.name}: every query and mutation answers as its rule says`, async () => {
      const mismatches: string[] = [];
      for (const [kind, type, table] of [
        ["query", queryType, QUERIES],
        ["mutation", mutationType, MUTATIONS],
      ] as const) {
        for (const [name, entry] of Object.entries(table)) {
          const field = type.getFields()[name];
          if (!field) continue; // reported by the first test
          await orgFor(caller);
          if (name === "startInitialSync") await beforeInitialSyncStart();
          const response = await postGraphQL(t.url, operationFor(kind, field, entry), tokens.get(caller) ?? undefined);
          const expected = caller.expected(ruleOf(entry));
          const actual = outcomeOf(response);
          if (actual !== expected) mismatches.push(`${kind} ${name} (${ruleOf(entry)}): expected ${expected}, got ${actual}`);
        }
      }
      expect(mismatches).toEqual([]);
    }, 120_000);
  }
});

describe("access matrix: the syncEvents subscription over WebSocket", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
  });
  afterAll(() => t?.stop());

  /** Subscribes and publishes probe events until the first answer arrives: an event, or the refusal. */
  async function firstAnswer(
    token: string | undefined,
  ): Promise<{ data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[]; closeCode?: number }> {
    const client = createClient({
      url: t.url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
    const probe = probeEvent({ id: "probe" });
    const timer = setInterval(() => t.services.syncEvents.publish(SYNC_EVENTS, probe), 20);
    try {
      return await new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error("no answer from the subscription within 5 s")), 5000);
        const done = (answer: Awaited<ReturnType<typeof firstAnswer>>) => {
          clearTimeout(deadline);
          resolve(answer);
        };
        client.subscribe(
          { query: "subscription { syncEvents { id reason } }" },
          {
            next: (result) => done({ data: result.data ?? undefined, errors: result.errors }),
            error: (error) => done(Array.isArray(error) ? { errors: error } : { closeCode: (error as { code?: number }).code }),
            complete: () => undefined,
          },
        );
      });
    } finally {
      clearInterval(timer);
      await client.dispose();
    }
  }

  async function callerToken(profile: string, email: string) {
    const user = await t.services.access.createUser({ name: profile, email, profile });
    return (await t.services.access.issueToken(user.id, "matrix")).token;
  }

  it("refuses anonymous callers at connection (4401); FSM scope decides the events", async () => {
    expect((await firstAnswer(undefined)).closeCode).toBe(4401);
    const fieldSales = await callerToken("Field Sales", "ws.field.sales@matrix.example");
    await t.services.org.update({ installMode: InstallMode.CHOSEN_PROFILES, installProfiles: ["Field Sales"] }, "matrix");
    expect(await firstAnswer(fieldSales)).toMatchObject({ data: { syncEvents: { id: "probe", reason: "PROBE" } } });
    expect(await firstAnswer(t.standard.token)).toMatchObject({ errors: [{ extensions: { code: "FORBIDDEN" } }] });
    await t.services.org.update({ installMode: InstallMode.ADMINS_ONLY, installProfiles: null }, "matrix");
    expect(await firstAnswer(t.admin.token)).toMatchObject({ data: { syncEvents: { id: "probe" } } });
    expect(await firstAnswer(fieldSales)).toMatchObject({ errors: [{ extensions: { code: "FORBIDDEN" } }] });
  });
});
