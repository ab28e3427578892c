import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import {
  CreateAccountDocument,
  CreateCrmContactDocument,
  PersonalDataSettingsDocument,
  RestrictCrmPersonalDataDocument,
  SetFsmPersonalDataApiAccessDocument,
  UpdateCrmContactDocument,
  UpdateFsmContactDocument,
} from "../generated/graphql";
import { SyncEvent } from "../../src/sync/history/sync-event.entity";
import { SyncLink } from "../../src/links/sync-link.entity";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";

describe("personal data restrictions", () => {
  let t: TestGateway;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Private Ltd" } }, t.standard.token);
    accountId = createAccount.record!.id;
  });
  afterAll(() => t.stop());

  /** Nothing the gateway keeps about syncs (events, link shadows, finished outbox entries) may hold the value. */
  async function expectNowhereInSyncRecords(value: string) {
    const events = JSON.stringify(await t.services.db.manager.find(SyncEvent));
    const links = JSON.stringify(await t.services.db.manager.find(SyncLink));
    const outbox = JSON.stringify(await t.services.db.manager.find(OutboxEntry));
    expect(events).not.toContain(value);
    expect(links).not.toContain(value);
    expect(outbox).not.toContain(value);
  }

  it("keeps restricted Normal CRM fields out of the FSM, and counts the skip", async () => {
    const { createCrmContact } = await query(
      t.url,
      CreateCrmContactDocument,
      { input: { lastName: "Lund", email: "lund@private.example", accountId } },
      t.standard.token,
    );
    const fsmContactId = createCrmContact.sync.fsmId!;
    await query(t.url, RestrictCrmPersonalDataDocument, { module: "Contacts", restrictNormal: true, restrictSensitive: false }, t.admin.token);
    const { updateCrmContact } = await query(
      t.url,
      UpdateCrmContactDocument,
      {
        id: createCrmContact.record!.id,
        input: { phone: "+45 1111 2222", firstName: "Signe", lastName: "Lund-Berg" },
      },
      t.standard.token,
    );
    expect(updateCrmContact.sync.status).toBe("SYNCED");
    const fsm = (await t.services.fsm.getMany("Contacts", [fsmContactId]))[0];
    expect(fsm).toMatchObject({ lastName: "Lund-Berg", phone: null, firstName: null });
    const event = await t.services.db.manager.findOneOrFail(SyncEvent, { where: { entryId: updateCrmContact.sync.entryId! } });
    expect(event.skippedPersonalFields).toBeGreaterThanOrEqual(4); // First_Name, Email, Phone, Mobile
    await expectNowhereInSyncRecords("+45 1111 2222");
  });

  it("keeps Sensitive fields out only when Sensitive is restricted", async () => {
    await query(t.url, RestrictCrmPersonalDataDocument, { module: "Contacts", restrictNormal: false, restrictSensitive: true }, t.admin.token);
    const { createCrmContact } = await query(
      t.url,
      CreateCrmContactDocument,
      {
        input: { lastName: "Berg", email: "berg@private.example", accountId, mailingAddress: { street: "12 Secret Lane", city: "Oslo" } },
      },
      t.standard.token,
    );
    const fsm = (await t.services.fsm.getMany("Contacts", [createCrmContact.sync.fsmId!]))[0];
    expect(fsm.email).toBe("berg@private.example");
    expect(fsm.address).toMatchObject({ street: null, city: "Oslo" });
    await expectNowhereInSyncRecords("12 Secret Lane");
  });

  it("fails a new Contact whose mandatory FSM Email may not leave the CRM, naming the field", async () => {
    await query(t.url, RestrictCrmPersonalDataDocument, { module: "Contacts", restrictNormal: true, restrictSensitive: true }, t.admin.token);
    const { createCrmContact } = await query(
      t.url,
      CreateCrmContactDocument,
      { input: { lastName: "Holm", email: "holm@private.example", accountId } },
      t.standard.token,
    );
    expect(createCrmContact.sync).toMatchObject({ status: "FAILED", reason: "MANDATORY_NOT_FOUND" });
    expect(createCrmContact.sync.message).toContain("email");
    expect(createCrmContact.sync.message).not.toContain("holm@private.example");
    await query(t.url, RestrictCrmPersonalDataDocument, { module: "Contacts", restrictNormal: false, restrictSensitive: false }, t.admin.token);
  });

  it("keeps personal FSM fields out of the CRM while the FSM's API access to personal data is off", async () => {
    const { createCrmContact } = await query(
      t.url,
      CreateCrmContactDocument,
      { input: { lastName: "Dahl", email: "dahl@private.example", accountId } },
      t.standard.token,
    );
    await query(t.url, SetFsmPersonalDataApiAccessDocument, { enabled: false }, t.admin.token);
    const { updateFsmContact } = await query(
      t.url,
      UpdateFsmContactDocument,
      { id: createCrmContact.sync.fsmId!, input: { phone: "+47 999", lastName: "Dahl-Moe" } },
      t.standard.token,
    );
    expect(updateFsmContact.sync.status).toBe("SYNCED");
    const crm = (await t.services.crm.getMany("Contacts", [createCrmContact.record!.id]))[0];
    expect(crm).toMatchObject({ lastName: "Dahl-Moe", phone: null });
    await expectNowhereInSyncRecords("+47 999");
    await query(t.url, SetFsmPersonalDataApiAccessDocument, { enabled: true }, t.admin.token);
    const again = await query(t.url, UpdateFsmContactDocument, { id: createCrmContact.sync.fsmId!, input: { phone: "+47 998" } }, t.standard.token);
    expect(again.updateFsmContact.sync.status).toBe("SYNCED");
    expect((await t.services.crm.getMany("Contacts", [createCrmContact.record!.id]))[0].phone).toBe("+47 998");
  });

  it("lists the settings for admins only and refuses an unknown module", async () => {
    const { personalDataSettings } = await query(t.url, PersonalDataSettingsDocument, {}, t.admin.token);
    expect(personalDataSettings).toContainEqual({ system: "FSM", module: "*", restrictNormal: false, restrictSensitive: false });
    expect((await execute(t.url, PersonalDataSettingsDocument, {}, t.standard.token)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const bad = await execute(t.url, RestrictCrmPersonalDataDocument, { module: "Leads", restrictNormal: true, restrictSensitive: true }, t.admin.token);
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "module" } });
  });
});
