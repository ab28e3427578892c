import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import {
  CreateAccountDocument,
  DeleteAccountDocument,
  DeleteCompanyDocument,
  ReplaceFieldMappingsDocument,
  RestrictCrmPersonalDataDocument,
  UpdateAccountDocument,
  UpdateCompanyDocument,
  UpdateSyncSettingsDocument,
  type SyncSettingsInput,
} from "../generated/graphql";
import { DEFAULT_MAPPINGS } from "../../src/sync/mapping/default-mappings";
import { SyncPair } from "../../src/sync/sync-pair";
import { SyncLink } from "../../src/links/sync-link.entity";

/**
 * Defect found by the sync model (test/property): an edit made while it could not cross (pair switched off,
 * the other direction only, field unmapped, personal data restricted) stayed on its side for good once the
 * setting was changed back; the linked records differed until edited again. Now the change that lets more
 * cross enqueues a whole-record resync of the pair's linked records.
 */
describe("edits made while sync could not carry them cross once it can", () => {
  let t: TestGateway;
  const admin = () => t.admin.token;
  const settings = (input: SyncSettingsInput) => query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input }, admin());
  const company = async (id: string) => (await t.services.fsm.getMany("Companies", [id]))[0];
  const account = async (id: string) => (await t.services.crm.getMany("Accounts", [id]))[0];
  const worker = () => t.services.engine.drain();

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    await query(t.url, UpdateSyncSettingsDocument, { pair: "CONTACTS_CONTACTS", input: { enabled: false } }, admin());
  });
  afterAll(() => t.stop());
  beforeEach(async () => {
    await settings({ enabled: true, direction: "TWO_WAY", onCrmDelete: "SUSPEND", onFsmDelete: "SUSPEND" });
    await worker();
  });

  async function linkedAccount(name: string) {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: name } }, admin());
    return { crmId: createAccount.record!.id, fsmId: createAccount.record!.fsmCompany!.id };
  }

  it("a pair switched off and on again", async () => {
    const { crmId, fsmId } = await linkedAccount("Off and on");
    await settings({ enabled: false });
    const { updateAccount } = await query(t.url, UpdateAccountDocument, { id: crmId, input: { phone: "555-0101" } }, admin());
    expect(updateAccount.sync).toMatchObject({ status: "SKIPPED", reason: "SYNC_DISABLED" });
    await settings({ enabled: true });
    await worker();
    expect((await company(fsmId)).phone).toBe("555-0101");
  });

  it("an FSM edit made under CRM → FSM, once two-way", async () => {
    const { crmId, fsmId } = await linkedAccount("One way");
    await settings({ direction: "CRM_TO_FSM" });
    const { updateCompany } = await query(t.url, UpdateCompanyDocument, { id: fsmId, input: { website: "https://one.example" } }, admin());
    expect(updateCompany.sync).toMatchObject({ status: "SKIPPED", reason: "DIRECTION_EXCLUDED" });
    await settings({ direction: "TWO_WAY" });
    await worker();
    expect((await account(crmId)).website).toBe("https://one.example");
  });

  it("a field edited while unmapped, once mapped again", async () => {
    const { crmId, fsmId } = await linkedAccount("Unmapped");
    const without = DEFAULT_MAPPINGS[SyncPair.ACCOUNTS_COMPANIES].filter((m) => m.crmField !== "Website");
    await query(t.url, ReplaceFieldMappingsDocument, { pair: "ACCOUNTS_COMPANIES", mappings: without }, admin());
    await query(t.url, UpdateAccountDocument, { id: crmId, input: { website: "https://mapped.example" } }, admin());
    await query(t.url, ReplaceFieldMappingsDocument, { pair: "ACCOUNTS_COMPANIES", mappings: DEFAULT_MAPPINGS[SyncPair.ACCOUNTS_COMPANIES] }, admin());
    await worker();
    expect((await company(fsmId)).website).toBe("https://mapped.example");
  });

  it("a personal field edited while restricted, once the restriction is lifted", async () => {
    await query(t.url, UpdateSyncSettingsDocument, { pair: "CONTACTS_CONTACTS", input: { enabled: true } }, admin());
    const created = await t.services.writer.create("CRM", "Contacts", { lastName: "Private", email: "private@example.com" }, { userId: "test" });
    const fsmId = created.sync.fsmId!;
    await query(t.url, RestrictCrmPersonalDataDocument, { module: "Contacts", restrictNormal: true, restrictSensitive: false }, admin());
    await t.services.writer.update("CRM", "Contacts", created.record!.id, { mobile: "555-0199" }, { userId: "test" });
    await worker();
    expect((await t.services.fsm.getMany("Contacts", [fsmId]))[0].mobile).toBeNull();
    await query(t.url, RestrictCrmPersonalDataDocument, { module: "Contacts", restrictNormal: false, restrictSensitive: false }, admin());
    await worker();
    expect((await t.services.fsm.getMany("Contacts", [fsmId]))[0].mobile).toBe("555-0199");
    await query(t.url, UpdateSyncSettingsDocument, { pair: "CONTACTS_CONTACTS", input: { enabled: false } }, admin());
  });

  it("the resync neither resumes a suspended link nor brings back a record deleted while sync was off", async () => {
    const suspended = await linkedAccount("Suspended");
    await query(t.url, DeleteAccountDocument, { id: suspended.crmId }, admin());
    const gone = await linkedAccount("Deleted while off");
    await settings({ enabled: false });
    await query(t.url, DeleteCompanyDocument, { id: gone.fsmId }, admin());
    const before = await company(suspended.fsmId);
    await settings({ enabled: true });
    await worker();
    expect(await t.services.db.manager.findOneBy(SyncLink, { fsmId: suspended.fsmId })).toMatchObject({ status: "SUSPENDED" });
    expect((await company(suspended.fsmId)).version).toBe(before.version);
    expect(await t.services.db.manager.findOneBy(SyncLink, { crmId: gone.crmId })).toMatchObject({ fsmId: gone.fsmId });
    expect(await t.services.db.manager.countBy(SyncLink, { crmId: gone.crmId })).toBe(1);
    expect(await company(gone.fsmId)).toBeUndefined();
  });
});
