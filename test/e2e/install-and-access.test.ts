import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { runPostgresSql } from "../support/postgres-admin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphQLFormattedError } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { startTestGateway, type TestGateway, type TestUser } from "../support/test-gateway";
import { execute, postGraphQL, query, type GraphQLResponse } from "../support/graphql-client";
import { buildSmallOrg, type SmallOrg } from "../support/small-org";
import {
  AccessAccountLinksDocument,
  AccessSyncRunsDocument,
  ChangeInstallScopeDocument,
  CreateUserDocument,
  DefineCustomFieldDocument,
  FieldMappingsDocument,
  InitialSyncJobDocument,
  InstallIntegrationDocument,
  InstallStatusDocument,
  IntegrateDocument,
  IssueTokenDocument,
  MeDocument,
  ReplaceFieldMappingsDocument,
  RevokeTokenDocument,
  SetDeepLinkBaseUrlsDocument,
  SetEditionsDocument,
  SetFinanceSuiteIntegrationDocument,
  SettingsChangesDocument,
  TokensDocument,
  UninstallIntegrationDocument,
  AccessUpdateAccountDocument,
  UpdateUserDocument,
  UsersDocument,
} from "../generated/graphql";
import { SyncLink } from "../../src/links/sync-link.entity";
import { ApiToken } from "../../src/access/api-token.entity";
import { Company } from "../../src/fsm/entities/company.entity";
import { until } from "../support/until";

/**
 * Issue 6, install and access, over HTTP: the prerequisites and their codes, install modes and scope changes,
 * integrating (initial sync), pausing on a Free edition, uninstalling; users and tokens; deep-link base URLs;
 * and the first-admin CLI run as a child process against a database of its own.
 */

function codes(response: GraphQLResponse<unknown>): string[] {
  return (response.errors ?? []).map((e) => String(e.extensions?.code));
}

function onlyError(response: GraphQLResponse<unknown>): GraphQLFormattedError {
  expect(response.errors, JSON.stringify(response.errors)).toHaveLength(1);
  return response.errors![0];
}

function expectCode(response: GraphQLResponse<unknown>, code: string): GraphQLFormattedError {
  const error = onlyError(response);
  expect(error.extensions?.code, error.message).toBe(code);
  return error;
}

async function makeUser(t: TestGateway, name: string, profile: string): Promise<TestUser> {
  const user = await t.services.access.createUser({ name, email: `${name.toLowerCase().replace(/\W+/g, ".")}@test.example`, profile });
  const { token } = await t.services.access.issueToken(user.id, "test");
  return { user, token };
}

describe("prerequisites, installing and integrating", () => {
  let t: TestGateway;
  let accountId: string;
  const admin = <TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables) =>
    execute(t.url, document, variables, t.admin.token);
  const status = async () => (await query(t.url, InstallStatusDocument, {}, t.admin.token)).orgSettings;

  beforeAll(async () => {
    t = await startTestGateway({ syncPollIntervalMs: 50 }, { org: "fresh" });
  });
  afterAll(() => t?.stop());

  it("a new org starts not installed: nobody gets FSM data, and integrating or uninstalling first is NOT_INSTALLED", async () => {
    expect(await status()).toMatchObject({ installState: "NOT_INSTALLED", crmEdition: "STANDARD", fsmEdition: "STANDARD", statusReason: null });
    const fsmRead = await postGraphQL(t.url, { query: "{ companies(first: 5) { totalCount } }" }, t.admin.token);
    expect(codes(fsmRead)).toEqual(["FORBIDDEN"]);
    expect(expectCode(await admin(IntegrateDocument, { duplicateMode: "CLONE" }), "NOT_INSTALLED").message).toMatch(/Install the integration/);
    expectCode(await admin(UninstallIntegrationDocument, {}), "NOT_INSTALLED");
  });

  it("refuses a Free CRM, a Free FSM and a finance-suite CRM, each with its own code and what to do; nothing is installed", async () => {
    await query(t.url, SetEditionsDocument, { crmEdition: "FREE", fsmEdition: "ENTERPRISE" }, t.admin.token);
    const freeCrm = expectCode(await admin(InstallIntegrationDocument, { mode: "ALL_USERS" }), "CRM_EDITION_NOT_SUPPORTED");
    expect(freeCrm.message).toMatch(/CRM .*Free.*upgrade/i);
    expect(freeCrm.path).toEqual(["installIntegration"]);

    await query(t.url, SetEditionsDocument, { crmEdition: "ULTIMATE", fsmEdition: "FREE" }, t.admin.token);
    expect(expectCode(await admin(InstallIntegrationDocument, { mode: "ADMINS_ONLY" }), "FSM_EDITION_NOT_SUPPORTED").message).toMatch(/FSM .*Free.*upgrade/i);

    await query(t.url, SetEditionsDocument, { crmEdition: "PROFESSIONAL", fsmEdition: "STANDARD" }, t.admin.token);
    await query(t.url, SetFinanceSuiteIntegrationDocument, { integrated: true }, t.admin.token);
    const finance = expectCode(await admin(InstallIntegrationDocument, { mode: "CHOSEN_PROFILES", profiles: ["Field Sales"] }), "FINANCE_SUITE_INTEGRATED");
    expect(finance.message).toMatch(/finance suite.*remove/i);

    expect(await status()).toMatchObject({ installState: "NOT_INSTALLED", crmEdition: "PROFESSIONAL", fsmEdition: "STANDARD", financeSuiteIntegrated: true });
    await query(t.url, SetFinanceSuiteIntegrationDocument, { integrated: false }, t.admin.token);
  });

  it("installs once the prerequisites hold; CHOSEN_PROFILES needs at least one profile, each an existing one", async () => {
    expectCode(await admin(InstallIntegrationDocument, { mode: "CHOSEN_PROFILES", profiles: [" "] }), "BAD_USER_INPUT");
    const unknown = expectCode(await admin(InstallIntegrationDocument, { mode: "CHOSEN_PROFILES", profiles: ["Standard", "Feild Sales"] }), "BAD_USER_INPUT");
    expect(unknown.extensions?.field).toBe("profiles");
    expect(unknown.message).toContain('"Feild Sales"');
    expect(unknown.message).toContain("Administrator, Standard");
    expect((await status()).installState).toBe("NOT_INSTALLED");
    const installed = await query(t.url, InstallIntegrationDocument, { mode: "ALL_USERS" }, t.admin.token);
    expect(installed.installIntegration).toMatchObject({ installState: "INSTALLED", installMode: "ALL_USERS", installProfiles: null, statusReason: null });
    expectCode(await admin(InstallIntegrationDocument, { mode: "ALL_USERS" }), "ALREADY_INSTALLED");
  });

  it("refuses to integrate while a mandatory field is unmapped (MAPPINGS_INCOMPLETE) or an edition is Free; mapping it lets integration through", async () => {
    // A real way to make the mappings incomplete: an admin adds a mandatory field to the FSM's Services and Parts.
    const define = (system: "CRM" | "FSM", mandatory: boolean) =>
      query(
        t.url,
        DefineCustomFieldDocument,
        {
          input: {
            system,
            module: system === "CRM" ? "Products" : "Services_And_Parts",
            apiName: "Warranty_Code",
            label: "Warranty code",
            dataType: "TEXT",
            mandatory,
          },
        },
        t.admin.token,
      );
    await define("FSM", true);
    const incomplete = expectCode(await admin(IntegrateDocument, { duplicateMode: "CLONE" }), "MAPPINGS_INCOMPLETE");
    expect(incomplete.message).toContain("PRODUCTS_SERVICES_AND_PARTS");
    expect(incomplete.message).toContain("FSM Warranty_Code");
    expect(incomplete.extensions?.field).toBe("mappings");
    expect((await status()).installState).toBe("INSTALLED");

    // The editions are checked again when integrating, not only when installing.
    await query(t.url, SetEditionsDocument, { crmEdition: "FREE", fsmEdition: "STANDARD" }, t.admin.token);
    expect((await status()).installState).toBe("INSTALLED");
    expectCode(await admin(IntegrateDocument, { duplicateMode: "CLONE" }), "CRM_EDITION_NOT_SUPPORTED");
    await query(t.url, SetEditionsDocument, { crmEdition: "STANDARD", fsmEdition: "STANDARD" }, t.admin.token);

    // Map it (from a CRM field, with a default for Products without one): the prerequisite holds.
    await define("CRM", false);
    const { fieldMappings } = await query(t.url, FieldMappingsDocument, { pair: "PRODUCTS_SERVICES_AND_PARTS" }, t.admin.token);
    const mappings = fieldMappings.map(({ crmField, fsmField, valueMap, fsmDefault }) => ({ crmField, fsmField, valueMap, fsmDefault }));
    await query(
      t.url,
      ReplaceFieldMappingsDocument,
      { pair: "PRODUCTS_SERVICES_AND_PARTS", mappings: [...mappings, { crmField: "Warranty_Code", fsmField: "Warranty_Code", fsmDefault: "NONE" }] },
      t.admin.token,
    );
    expect((await status()).installState).toBe("INSTALLED");
  });

  it("integrating starts the initial sync, which syncs the records made while only installed", async () => {
    const actor = { userId: t.admin.user.id };
    const account = await t.services.crm.create("Accounts", { accountName: "Installed Only Ltd", phone: "+1 555 0101" }, actor);
    accountId = account.id;
    const product = await t.services.crm.create("Products", { productName: "Boiler check", unitPrice: 80, type: "Service" }, actor);
    // Edits while installed but not integrated are kept, not synced.
    const kept = await query(t.url, AccessUpdateAccountDocument, { id: account.id, input: { phone: "+1 555 0102" } }, t.admin.token);
    expect(kept.updateAccount.sync).toMatchObject({ status: "PENDING", reason: "DIRECT_SYNC_DISABLED" });
    expect(await t.services.db.manager.findOneBy(SyncLink, { crmId: account.id })).toBeNull();

    const { integrate } = await query(t.url, IntegrateDocument, { duplicateMode: "CLONE" }, t.admin.token);
    expect(integrate.org).toMatchObject({ installState: "INTEGRATED", statusReason: null });
    expect(integrate.initialSync).toMatchObject({ state: "RUNNING", duplicateMode: "CLONE" });
    await t.services.initialSync.idle();
    const job = (await query(t.url, InitialSyncJobDocument, { id: integrate.initialSync.id }, t.admin.token)).initialSyncJob;
    expect(job).toMatchObject({ state: "COMPLETED", error: null });

    const companyLink = await until("the Account's Company", () => t.services.db.manager.findOneBy(SyncLink, { crmId: account.id }));
    const company = await until("the kept phone edit", async () => {
      const [row] = await t.services.fsm.getMany("Companies", [companyLink.fsmId]);
      return row?.phone === "+1 555 0102" && row;
    });
    expect(company).toMatchObject({ companyName: "Installed Only Ltd" });
    const serviceLink = await t.services.db.manager.findOneBy(SyncLink, { crmId: product.id });
    const [service] = await t.services.fsm.getMany("Services_And_Parts", [serviceLink!.fsmId]);
    expect(service.customFields).toMatchObject({ Warranty_Code: "NONE" });
    expectCode(await admin(IntegrateDocument, { duplicateMode: "CLONE" }), "ALREADY_INSTALLED");
  });

  it("a Free FSM pauses the integration (status with a reason; edits stay PENDING); upgrading resumes it and the kept edit syncs", async () => {
    const account = { id: accountId };
    const link = (await t.services.db.manager.findOneBy(SyncLink, { crmId: account.id }))!;

    const paused = (await query(t.url, SetEditionsDocument, { crmEdition: "STANDARD", fsmEdition: "FREE" }, t.admin.token)).setEditions;
    expect(paused).toMatchObject({ installState: "PAUSED", fsmEdition: "FREE" });
    expect(paused.statusReason).toMatch(/FSM edition is Free.*paused/);
    expect((await status()).statusReason).toBe(paused.statusReason);

    const edit = await query(t.url, AccessUpdateAccountDocument, { id: account.id, input: { phone: "+1 555 0199" } }, t.admin.token);
    expect(edit.updateAccount.sync.status).toBe("PENDING");
    await new Promise((resolve) => setTimeout(resolve, 300)); // several worker polls
    expect((await t.services.fsm.getMany("Companies", [link.fsmId]))[0].phone).toBe("+1 555 0102");

    const resumed = (await query(t.url, SetEditionsDocument, { crmEdition: "STANDARD", fsmEdition: "PROFESSIONAL" }, t.admin.token)).setEditions;
    expect(resumed).toMatchObject({ installState: "INTEGRATED", statusReason: null });
    await until("the kept edit to sync after the upgrade", async () => (await t.services.fsm.getMany("Companies", [link.fsmId]))[0].phone === "+1 555 0199");
  });

  it("uninstalling stops sync, takes FSM data away and keeps the history; installing again works", async () => {
    const runsBefore = (await query(t.url, AccessSyncRunsDocument, {}, t.admin.token)).syncRuns;
    expect(runsBefore.length).toBeGreaterThan(0);
    const account = { id: accountId };
    const link = (await t.services.db.manager.findOneBy(SyncLink, { crmId: account.id }))!;

    expect((await query(t.url, UninstallIntegrationDocument, {}, t.admin.token)).uninstallIntegration).toMatchObject({ installState: "UNINSTALLED" });
    const edit = await query(t.url, AccessUpdateAccountDocument, { id: account.id, input: { phone: "+1 555 0200" } }, t.admin.token);
    expect(edit.updateAccount.sync.status).toBe("PENDING");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await t.services.fsm.getMany("Companies", [link.fsmId]))[0].phone).toBe("+1 555 0199");

    const runsAfter = (await query(t.url, AccessSyncRunsDocument, {}, t.admin.token)).syncRuns;
    expect(runsAfter.map((r) => r.id)).toEqual(expect.arrayContaining(runsBefore.map((r) => r.id)));
    expect(await t.services.db.manager.findOneBy(SyncLink, { crmId: account.id })).not.toBeNull();
    // Nobody has FSM access while uninstalled, admins included; CRM data stays readable.
    const fsmRead = await postGraphQL(t.url, { query: "{ companies(first: 5) { totalCount } }" }, t.admin.token);
    expect(codes(fsmRead)).toEqual(["FORBIDDEN"]);
    const crmRead = await postGraphQL<{ account: { phone: string } }>(t.url, { query: `{ account(id: "${account.id}") { phone } }` }, t.standard.token);
    expect(crmRead.data?.account.phone).toBe("+1 555 0200");

    expect((await query(t.url, InstallIntegrationDocument, { mode: "ADMINS_ONLY" }, t.admin.token)).installIntegration).toMatchObject({
      installState: "INSTALLED",
      installMode: "ADMINS_ONLY",
    });
  });
});

describe("install modes: who gets FSM data", () => {
  let t: TestGateway;
  let org: SmallOrg;
  let fieldSales: TestUser;
  let technician: TestUser;

  beforeAll(async () => {
    t = await startTestGateway();
    org = await buildSmallOrg(t.services, t.admin.user.id);
    fieldSales = await makeUser(t, "Field Sales Rep", "Field Sales");
    technician = await makeUser(t, "Tech", "Technician");
  });
  afterAll(() => t?.stop());

  const setScope = (mode: "ADMINS_ONLY" | "ALL_USERS" | "CHOSEN_PROFILES", profiles?: string[]) =>
    query(t.url, ChangeInstallScopeDocument, { mode, profiles }, t.admin.token);

  /** What a user outside the install scope must be refused (FORBIDDEN), and must not have written. */
  const fsmOperations = () => [
    { name: "FSM list", query: "{ companies(first: 5) { totalCount } }" },
    { name: "FSM record", query: `{ workOrder(id: "${org.workOrder.id}") { summary } }` },
    { name: "FSM create", query: 'mutation { createCompany(input: { companyName: "Sneaky Co" }) { record { id } } }' },
    { name: "FSM update", query: `mutation { updateCompany(id: "${org.company.id}", input: { phone: "+0" }) { record { id } } }` },
    { name: "create from CRM", query: `mutation { createRequestFromCrm(sourceModule: Deals, sourceId: "${org.deal.id}") { id } }` },
    {
      name: "link",
      query: `mutation { linkToParent(fsmModule: Requests, fsmId: "${org.otherRequest.id}", parentModule: Deals, parentId: "${org.deal.id}") { fsmId } }`,
    },
    { name: "unlink", query: `mutation { unlinkFromParent(fsmModule: Requests, fsmId: "${org.request.id}") { fsmId } }` },
    {
      name: "CRM from FSM",
      query: `mutation { createDealFromFsm(companyId: "${org.company.id}", input: { dealName: "Sneaky", stage: "Qualification" }) { id } }`,
    },
    { name: "sync now", query: `mutation { syncRecordNow(system: CRM, module: Accounts, id: "${org.accountA.id}") { status } }` },
    { name: "prefill", query: `{ conversionPrefill(sourceModule: Accounts, sourceId: "${org.accountA.id}", targetModule: Requests) { __typename } }` },
  ];

  async function expectFsmRefused(user: TestUser) {
    const companies = await t.services.db.manager.count(Company);
    for (const operation of fsmOperations()) {
      const response = await postGraphQL(t.url, { query: operation.query }, user.token);
      expect(codes(response), operation.name).toEqual(["FORBIDDEN"]);
      expect(response.errors?.[0].message, operation.name).toContain("FSM_ACCESS");
    }
    // Nothing was written: no company, no link, the unlinked Request still under its Deal.
    expect(await t.services.db.manager.count(Company)).toBe(companies);
    expect((await t.services.fsm.getMany("Companies", [org.company.id]))[0].phone).not.toBe("+0");
    const underDeal = await t.services.links.parentLinksByParentIds("Deals", [org.deal.id]);
    expect(underDeal.filter((l) => l.fsmModule === "Requests").map((l) => l.fsmId)).toEqual([org.request.id]);
  }

  /** Plain CRM data, with the FSM fields of CRM records refused one by one (the rest of the answer stays). */
  async function expectCrmOnly(user: TestUser) {
    const response = await postGraphQL<{ accounts: { nodes: { accountName: string; fsmCompany: unknown; syncLink: unknown }[] } }>(
      t.url,
      { query: "{ accounts(first: 10, sort: ASC) { nodes { accountName phone fsmCompany { id } syncLink { fsmId } } } }" },
      user.token,
    );
    expect(response.data?.accounts.nodes.map((a) => a.accountName).sort()).toEqual(["Acme Facilities", "Beta Hotels"]); // same-millisecond records: order is by id
    expect(response.data?.accounts.nodes.every((a) => a.fsmCompany === null && a.syncLink === null)).toBe(true);
    expect(new Set(codes(response))).toEqual(new Set(["FORBIDDEN"]));
    expect(response.errors?.map((e) => e.path?.slice(-1)[0]).sort()).toEqual(["fsmCompany", "fsmCompany", "syncLink", "syncLink"]);
    const deal = await postGraphQL<{ deal: { dealName: string } }>(
      t.url,
      { query: `{ deal(id: "${org.deal.id}") { dealName account { accountName } } }` },
      user.token,
    );
    expect(deal).toMatchObject({ status: 200, data: { deal: { dealName: "Acme maintenance contract" } } });
    expect(deal.errors).toBeUndefined();
    const write = await postGraphQL<{ updateAccount: { record: { industry: string } } }>(
      t.url,
      { query: `mutation { updateAccount(id: "${org.accountB.id}", input: { industry: "Other" }) { record { industry } } }` },
      user.token,
    );
    expect(write.errors).toBeUndefined();
    expect(write.data?.updateAccount.record.industry).toBe("Other");
  }

  async function expectFsmAllowed(user: TestUser) {
    const response = await postGraphQL<{ account: { fsmCompany: { companyName: string } }; companies: { totalCount: number } }>(
      t.url,
      { query: `{ account(id: "${org.accountA.id}") { fsmCompany { companyName } } companies(first: 5) { totalCount } }` },
      user.token,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.fsmCompany.companyName).toBe("Acme Facilities");
    expect(response.data?.companies.totalCount).toBeGreaterThan(0);
  }

  it("admins only: a Standard user is FORBIDDEN every FSM read, create, link and sync, and still reads and writes CRM data", async () => {
    expect((await setScope("ADMINS_ONLY")).changeInstallScope).toMatchObject({ installState: "INTEGRATED", installMode: "ADMINS_ONLY", installProfiles: null });
    await expectFsmAllowed(t.admin);
    await expectFsmRefused(t.standard);
    await expectCrmOnly(t.standard);
    await expectFsmRefused(fieldSales);
  });

  it("all users: every signed-in profile gets FSM data", async () => {
    await setScope("ALL_USERS");
    for (const user of [t.admin, t.standard, fieldSales, technician]) await expectFsmAllowed(user);
  });

  it('chosen profiles: the custom profile "Field Sales" gets FSM data, Standard does not; changing the scope later takes effect at once', async () => {
    const chosen = (await setScope("CHOSEN_PROFILES", ["Field Sales", "technician", "FIELD SALES"])).changeInstallScope;
    // Spelt as the profiles exist, once each.
    expect(chosen).toMatchObject({ installMode: "CHOSEN_PROFILES", installProfiles: ["Field Sales", "Technician"] });
    const unknown = await execute(t.url, ChangeInstallScopeDocument, { mode: "CHOSEN_PROFILES", profiles: ["Field Sales", "Nobody Has This"] }, t.admin.token);
    expect(expectCode(unknown, "BAD_USER_INPUT").message).toContain('"Nobody Has This"');
    expect((await query(t.url, InstallStatusDocument, {}, t.admin.token)).orgSettings.installProfiles).toEqual(["Field Sales", "Technician"]);
    await expectFsmAllowed(fieldSales);
    await expectFsmAllowed(technician);
    await expectFsmRefused(t.standard);
    await expectCrmOnly(t.standard);

    await setScope("CHOSEN_PROFILES", ["Standard"]);
    await expectFsmAllowed(t.standard);
    await expectFsmRefused(fieldSales);
    await expectFsmAllowed(t.admin); // administrators keep access whichever profiles are chosen
    expectCode(await execute(t.url, ChangeInstallScopeDocument, { mode: "CHOSEN_PROFILES", profiles: [] }, t.admin.token), "BAD_USER_INPUT");
    // Profile names are checked against the profiles that exist; a known one in another case is stored as spelled.
    const misspelt = await execute(t.url, ChangeInstallScopeDocument, { mode: "CHOSEN_PROFILES", profiles: ["Field Sales", "Feild Sales"] }, t.admin.token);
    expect(expectCode(misspelt, "BAD_USER_INPUT").message).toContain('"Feild Sales"');
    expect(misspelt.errors?.[0].extensions).toMatchObject({ field: "profiles", unknownProfiles: ["Feild Sales"] });
    const respelled = (await setScope("CHOSEN_PROFILES", ["field sales"])).changeInstallScope;
    expect(respelled.installProfiles).toEqual(["Field Sales"]);

    await setScope("ALL_USERS");
    await expectFsmAllowed(fieldSales);
  });

  it("the install scope itself is admin-only", async () => {
    for (const user of [t.standard, fieldSales]) {
      expectCode(await execute(t.url, ChangeInstallScopeDocument, { mode: "ALL_USERS" }, user.token), "FORBIDDEN");
      expectCode(await execute(t.url, InstallStatusDocument, {}, user.token), "FORBIDDEN");
    }
  });
});

describe("users and tokens", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t?.stop());

  const me = (token: string) => execute(t.url, MeDocument, {}, token);

  it("an admin creates users with a profile; the e-mail is checked and unique (CONFLICT, any case)", async () => {
    const created = (
      await query(t.url, CreateUserDocument, { name: " Fiona Field ", email: "Fiona.Field@Example.com ", profile: "Field Sales" }, t.admin.token)
    ).createUser;
    expect(created).toMatchObject({ name: "Fiona Field", email: "fiona.field@example.com", profile: "Field Sales", active: true });
    const builtIn = (await query(t.url, CreateUserDocument, { name: "Ann Admin", email: "ann@example.com", profile: "administrator" }, t.admin.token))
      .createUser;
    expect(builtIn.profile).toBe("Administrator");

    const duplicate = expectCode(
      await execute(t.url, CreateUserDocument, { name: "Other", email: "FIONA.FIELD@example.com", profile: "Standard" }, t.admin.token),
      "CONFLICT",
    );
    expect(duplicate.message).toContain("fiona.field@example.com");
    for (const email of ["not-an-email", "a@b", "two@@example.com", "spa ce@example.com", ""]) {
      const bad = expectCode(await execute(t.url, CreateUserDocument, { name: "X", email, profile: "Standard" }, t.admin.token), "BAD_USER_INPUT");
      expect(bad.extensions?.field).toBe("email");
    }
    expectCode(await execute(t.url, CreateUserDocument, { name: "  ", email: "blank@example.com", profile: "Standard" }, t.admin.token), "BAD_USER_INPUT");
    expectCode(await execute(t.url, CreateUserDocument, { name: "X", email: "x@example.com", profile: "" }, t.admin.token), "BAD_USER_INPUT");

    // Two at once with the same e-mail: one is created, the other is a CONFLICT.
    const race = await Promise.all(
      [1, 2].map((n) => execute(t.url, CreateUserDocument, { name: `Racer ${n}`, email: "racer@example.com", profile: "Standard" }, t.admin.token)),
    );
    expect(race.map((r) => (r.errors ? r.errors[0].extensions?.code : "OK")).sort()).toEqual(["CONFLICT", "OK"]);

    const { users } = await query(t.url, UsersDocument, {}, t.admin.token);
    expect(users.map((u) => u.email)).toEqual([...users.map((u) => u.email)].sort());
    expect(users.filter((u) => u.email === "racer@example.com")).toHaveLength(1);
    expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(["admin@test.example", "sam@test.example", "fiona.field@example.com", "ann@example.com"]));
  });

  it("issues a token shown once; the list shows its metadata and last use, never the token or its hash", async () => {
    const fiona = (await query(t.url, UsersDocument, {}, t.admin.token)).users.find((u) => u.email === "fiona.field@example.com")!;
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const issued = (await query(t.url, IssueTokenDocument, { userId: fiona.id, label: "laptop", expiresAt }, t.admin.token)).issueToken;
    expect(issued).toMatchObject({ userId: fiona.id, label: "laptop", expiresAt, lastUsedAt: null, revokedAt: null });
    expect(issued.token).toMatch(/^gw_[A-Za-z0-9_-]{43}$/);

    expect(await t.services.db.manager.findOneBy(ApiToken, { id: issued.id })).toMatchObject({
      tokenHash: createHash("sha256").update(issued.token).digest("hex"),
    });
    expect((await me(issued.token)).data?.me).toMatchObject({ email: "fiona.field@example.com", profile: "Field Sales" });

    const listed = await execute(t.url, TokensDocument, { userId: fiona.id }, t.admin.token);
    const [row] = listed.data!.tokens;
    expect(row).toMatchObject({ id: issued.id, label: "laptop", expiresAt, revokedAt: null });
    expect(Date.parse(row.lastUsedAt!)).toBeGreaterThanOrEqual(Date.parse(issued.createdTime));
    // Not even asked for: no field of the API carries the token or its hash.
    const everything = await postGraphQL(
      t.url,
      { query: `{ tokens(userId: "${fiona.id}") { __typename id userId label createdTime expiresAt lastUsedAt revokedAt } }` },
      t.admin.token,
    );
    const text = JSON.stringify(everything);
    expect(text).not.toContain(issued.token);
    expect(text).not.toContain(createHash("sha256").update(issued.token).digest("hex"));
    expect(codes(await postGraphQL(t.url, { query: `{ tokens(userId: "${fiona.id}") { tokenHash } }` }, t.admin.token))).toEqual(["GRAPHQL_VALIDATION_FAILED"]);

    expectCode(
      await execute(t.url, IssueTokenDocument, { userId: fiona.id, label: "past", expiresAt: new Date(Date.now() - 1000).toISOString() }, t.admin.token),
      "BAD_USER_INPUT",
    );
    expectCode(await execute(t.url, IssueTokenDocument, { userId: fiona.id, label: " " }, t.admin.token), "BAD_USER_INPUT");
    expectCode(await execute(t.url, IssueTokenDocument, { userId: "no-such-user", label: "x" }, t.admin.token), "NOT_FOUND");
    expectCode(await execute(t.url, TokensDocument, { userId: "no-such-user" }, t.admin.token), "NOT_FOUND");
  });

  it("a revoked token is refused at once; revoking again changes nothing", async () => {
    const { user, token } = await makeUser(t, "Revokee", "Standard");
    const second = (await query(t.url, IssueTokenDocument, { userId: user.id, label: "second" }, t.admin.token)).issueToken;
    expect((await me(second.token)).status).toBe(200);
    const revoked = (await query(t.url, RevokeTokenDocument, { id: second.id }, t.admin.token)).revokeToken;
    expect(revoked.revokedAt).not.toBeNull();
    expect(await me(second.token)).toMatchObject({ status: 401, errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
    expect((await me(token)).status).toBe(200); // the user's other token is untouched
    expect((await query(t.url, RevokeTokenDocument, { id: second.id }, t.admin.token)).revokeToken.revokedAt).toBe(revoked.revokedAt);
    expectCode(await execute(t.url, RevokeTokenDocument, { id: "no-such-token" }, t.admin.token), "NOT_FOUND");
    const { tokens } = await query(t.url, TokensDocument, { userId: user.id }, t.admin.token);
    expect(tokens.map((k) => [k.label, k.revokedAt === null])).toEqual([
      ["second", false],
      ["test", true],
    ]);
  });

  it("an expired token is refused", async () => {
    const { user } = await makeUser(t, "Shortlived", "Standard");
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const issued = (await query(t.url, IssueTokenDocument, { userId: user.id, label: "brief", expiresAt }, t.admin.token)).issueToken;
    expect((await me(issued.token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 50));
    expect(await me(issued.token)).toMatchObject({ status: 401, errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
  });

  it("a deactivated user's tokens stop working (and come back on reactivation); no new token for them", async () => {
    const { user, token } = await makeUser(t, "Leaver", "Standard");
    expect((await me(token)).status).toBe(200);
    const deactivated = (await query(t.url, UpdateUserDocument, { id: user.id, active: false }, t.admin.token)).updateUser;
    expect(deactivated).toMatchObject({ active: false, profile: "Standard" });
    expect(await me(token)).toMatchObject({ status: 401, errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
    expectCode(await execute(t.url, IssueTokenDocument, { userId: user.id, label: "again" }, t.admin.token), "CONFLICT");

    expect((await query(t.url, UpdateUserDocument, { id: user.id, active: true, profile: "Field Sales" }, t.admin.token)).updateUser).toMatchObject({
      active: true,
      profile: "Field Sales",
    });
    expect((await me(token)).data?.me.profile).toBe("Field Sales");
    expectCode(await execute(t.url, UpdateUserDocument, { id: user.id }, t.admin.token), "BAD_USER_INPUT");
    expectCode(await execute(t.url, UpdateUserDocument, { id: "no-such-user", active: false }, t.admin.token), "NOT_FOUND");
  });

  it("the last active Administrator can be neither demoted nor deactivated", async () => {
    const admins = (await query(t.url, UsersDocument, {}, t.admin.token)).users.filter((u) => u.profile === "Administrator" && u.active);
    for (const other of admins.filter((u) => u.id !== t.admin.user.id)) {
      await query(t.url, UpdateUserDocument, { id: other.id, active: false }, t.admin.token);
    }
    expectCode(await execute(t.url, UpdateUserDocument, { id: t.admin.user.id, profile: "Standard" }, t.admin.token), "CONFLICT");
    expectCode(await execute(t.url, UpdateUserDocument, { id: t.admin.user.id, active: false }, t.admin.token), "CONFLICT");
    expect((await me(t.admin.token)).data?.me.profile).toBe("Administrator");
    // With a second active admin, the first may step down.
    const second = (await query(t.url, CreateUserDocument, { name: "Backup Admin", email: "backup@example.com", profile: "Administrator" }, t.admin.token))
      .createUser;
    const backupToken = (await query(t.url, IssueTokenDocument, { userId: second.id, label: "backup" }, t.admin.token)).issueToken.token;
    expect((await query(t.url, UpdateUserDocument, { id: t.admin.user.id, profile: "Standard" }, t.admin.token)).updateUser.profile).toBe("Standard");
    expectCode(await execute(t.url, UsersDocument, {}, t.admin.token), "FORBIDDEN");
    await query(t.url, UpdateUserDocument, { id: t.admin.user.id, profile: "Administrator" }, backupToken);
  });

  it("user and token changes are audited in the settings changes, by whom, without the token", async () => {
    const created = (await query(t.url, CreateUserDocument, { name: "Audited", email: "audited@example.com", profile: "Standard" }, t.admin.token)).createUser;
    await query(t.url, UpdateUserDocument, { id: created.id, profile: "Field Sales" }, t.admin.token);
    const issued = (await query(t.url, IssueTokenDocument, { userId: created.id, label: "audited" }, t.admin.token)).issueToken;
    await query(t.url, RevokeTokenDocument, { id: issued.id }, t.admin.token);
    const { settingsChanges } = await query(t.url, SettingsChangesDocument, {}, t.admin.token);
    const mine = settingsChanges.filter((c) => c.subject === `user:${created.id}` || c.subject === `token:${issued.id}`);
    // Newest first; the order within one millisecond is not defined, so compare as a set.
    expect(mine).toHaveLength(4);
    expect(mine.map((c) => [c.subject, c.before, c.after])).toEqual(
      expect.arrayContaining([
        [`token:${issued.id}`, { revokedAt: null }, { revokedAt: expect.any(String) }],
        [`token:${issued.id}`, {}, { userId: created.id, label: "audited", expiresAt: null }],
        [`user:${created.id}`, { profile: "Standard", active: true }, { profile: "Field Sales", active: true }],
        [`user:${created.id}`, {}, { profile: "Standard", active: true }],
      ]),
    );
    expect(mine.every((c) => c.userId === t.admin.user.id)).toBe(true);
    expect(JSON.stringify(settingsChanges)).not.toContain(issued.token);
  });

  it("users and tokens are admin-only", async () => {
    for (const response of [
      await execute(t.url, UsersDocument, {}, t.standard.token),
      await execute(t.url, TokensDocument, { userId: t.standard.user.id }, t.standard.token),
      await execute(t.url, IssueTokenDocument, { userId: t.standard.user.id, label: "self-service" }, t.standard.token),
      await execute(t.url, CreateUserDocument, { name: "Me Too", email: "me.too@example.com", profile: "Administrator" }, t.standard.token),
      await execute(t.url, UpdateUserDocument, { id: t.standard.user.id, profile: "Administrator" }, t.standard.token),
    ]) {
      expectCode(response, "FORBIDDEN");
    }
    expect((await me(t.standard.token)).data?.me.profile).toBe("Standard");
    expect(await t.services.access.findUserByEmail("me.too@example.com")).toBeNull();
  });
});

describe("deep-link base URLs", () => {
  let t: TestGateway;
  let org: SmallOrg;

  beforeAll(async () => {
    t = await startTestGateway({ crmBaseUrl: "https://crm.default.example", fsmBaseUrl: "https://fsm.default.example" });
    org = await buildSmallOrg(t.services, t.admin.user.id);
  });
  afterAll(() => t?.stop());

  const links = async () => (await query(t.url, AccessAccountLinksDocument, { id: org.accountA.id }, t.standard.token)).account;

  it("change crmUrl and fsmUrl for every user, and null goes back to the configured default", async () => {
    expect(await links()).toMatchObject({
      crmUrl: `https://crm.default.example/crm/tab/Accounts/${org.accountA.id}`,
      fsmCompany: { fsmUrl: `https://fsm.default.example/app/Companies/${org.company.id}` },
    });
    const set = await query(
      t.url,
      SetDeepLinkBaseUrlsDocument,
      { crmBaseUrl: "https://crm.acme.example/", fsmBaseUrl: "https://fsm.acme.example" },
      t.admin.token,
    );
    expect(set.setDeepLinkBaseUrls).toMatchObject({ crmBaseUrl: "https://crm.acme.example", fsmBaseUrl: "https://fsm.acme.example" });
    expect(await links()).toMatchObject({
      crmUrl: `https://crm.acme.example/crm/tab/Accounts/${org.accountA.id}`,
      fsmCompany: { fsmUrl: `https://fsm.acme.example/app/Companies/${org.company.id}` },
    });

    const bad = expectCode(await execute(t.url, SetDeepLinkBaseUrlsDocument, { crmBaseUrl: "javascript:alert(1)" }, t.admin.token), "BAD_USER_INPUT");
    expect(bad.extensions?.field).toBe("crmBaseUrl");
    expectCode(await execute(t.url, SetDeepLinkBaseUrlsDocument, { crmBaseUrl: null, fsmBaseUrl: null }, t.standard.token), "FORBIDDEN");

    await query(t.url, SetDeepLinkBaseUrlsDocument, { crmBaseUrl: null, fsmBaseUrl: null }, t.admin.token);
    expect((await links()).crmUrl).toBe(`https://crm.default.example/crm/tab/Accounts/${org.accountA.id}`);
  });
});

const CLI_PATH = path.resolve(process.cwd(), "dist/src/cli/issue-token.js");
const run = promisify(execFile);

describe("the first-admin CLI (npm run token)", () => {
  const databaseUrl = process.env.DATABASE_URL;
  const pgSchema = databaseUrl ? `cli_${randomBytes(6).toString("hex")}` : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-cli-"));
  const sqlitePath = path.join(dir, "gateway.sqlite");
  /** The environment the CLI and the gateway share: one database, fresh. */
  const env = {
    ...process.env,
    LOG_LEVEL: "silent",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: pgSchema! } : { SQLITE_PATH: sqlitePath }),
  };
  let t: TestGateway | null = null;

  const pg = (sql: string) => runPostgresSql(databaseUrl!, sql);

  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI_PATH, ...args], { env, timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  beforeAll(async () => {
    if (!fs.existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npm run build\` first (npm test does).`);
    if (pgSchema) await pg(`CREATE SCHEMA ${pgSchema}`);
  });
  afterAll(async () => {
    await t?.stop();
    if (pgSchema) await pg(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("on an empty database: migrates, creates the Administrator, prints only the token on stdout; the gateway accepts it", async () => {
    const first = await cli("--email", "Ops@Example.com", "--name", "Ops Team", "--expires-days", "30");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^gw_[A-Za-z0-9_-]{43}\n$/);
    expect(first.stderr).toContain("Created the Administrator Ops Team <ops@example.com>");
    expect(first.stderr).toMatch(/expires \d{4}-\d\d-\d\dT/);
    const token = first.stdout.trim();

    t = await startTestGateway(databaseUrl ? { databaseSchema: pgSchema } : { sqlitePath });
    const me = await query(t.url, MeDocument, {}, token);
    expect(me.me).toMatchObject({ email: "ops@example.com", name: "Ops Team", profile: "Administrator" });
    // An admin token: admin-only operations answer.
    const { tokens } = await query(t.url, TokensDocument, { userId: me.me.id }, token);
    expect(tokens).toHaveLength(1);
    expect(tokens[0].label).toBe("cli");
    const days = (Date.parse(tokens[0].expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it("run again while the gateway runs: the same user gets another token, usable at once; the first still works", async () => {
    const again = await cli("--email", "ops@example.com", "--label", "rotation");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain("Created");
    expect(again.stderr).toContain("never expires");
    const token = again.stdout.trim();
    const me = await query(t!.url, MeDocument, {}, token);
    expect(me.me.email).toBe("ops@example.com");
    const { users } = await query(t!.url, UsersDocument, {}, token);
    expect(users.filter((u) => u.email === "ops@example.com")).toHaveLength(1);
    const { tokens } = await query(t!.url, TokensDocument, { userId: me.me.id }, token);
    expect(tokens.map((k) => k.label).sort()).toEqual(["cli", "rotation"]);
  });

  it("refuses bad usage and users who are not active Administrators, changing nothing", async () => {
    const missing = await cli("--label", "x");
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toContain("--email is required");
    expect((await cli("--email", "ops@example.com", "--expires-days", "-1")).code).toBe(2);
    expect((await cli("--email", "ops@example.com", "--bogus")).code).toBe(2);
    const invalid = await cli("--email", "not-an-email");
    expect(invalid).toMatchObject({ code: 1, stdout: "" });
    expect(invalid.stderr).toContain("BAD_USER_INPUT");

    const standard = await cli("--email", t!.standard.user.email);
    expect(standard).toMatchObject({ code: 1, stdout: "" });
    expect(standard.stderr).toContain('has the profile "Standard"');
    const { tokens } = await query(t!.url, TokensDocument, { userId: t!.standard.user.id }, t!.admin.token);
    expect(tokens.map((k) => k.label)).toEqual(["test"]);
    expect((await cli("--help")).stdout).toContain("Usage: npm run -s token");
  });
});
