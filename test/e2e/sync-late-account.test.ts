import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { query } from "../support/graphql-client";
import {
  CreateAccountDocument,
  CreateCrmContactDocument,
  CreateCrmViewDocument,
  UpdateAccountDocument,
  UpdateCrmContactDocument,
  UpdateSyncSettingsDocument,
} from "../generated/graphql";

describe("a Contact synced before its Account", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    // Only Retail Accounts sync: an Account of another industry stays behind while its Contacts cross.
    const { createCrmView } = await query(
      t.url,
      CreateCrmViewDocument,
      { module: "Accounts", name: "Retail", conditions: [{ field: "Industry", operator: "EQUALS", value: "Retail" }] },
      t.admin.token,
    );
    await query(t.url, UpdateSyncSettingsDocument, { pair: "ACCOUNTS_COMPANIES", input: { crmViewId: createCrmView.id } }, t.admin.token);
  });
  afterAll(() => t.stop());

  it("gets its Company filled in when the Account syncs later, and keeps it on the next edit", async () => {
    const user = t.standard.token;
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Late Co", industry: "Hospitality" } }, user);
    expect(createAccount.sync).toMatchObject({ status: "SKIPPED", reason: "NOT_IN_VIEW" });
    const accountId = createAccount.record!.id;
    const contact = (await query(t.url, CreateCrmContactDocument, { input: { lastName: "Early", email: "early@late.example", accountId } }, user))
      .createCrmContact;
    expect(contact.sync.status).toBe("SYNCED");
    const fsmContactId = contact.sync.fsmId!;
    const fsmContact = async () => (await t.services.fsm.getMany("Contacts", [fsmContactId]))[0];
    expect((await fsmContact()).companyId).toBeNull();

    const { updateAccount } = await query(t.url, UpdateAccountDocument, { id: accountId, input: { industry: "Retail" } }, user);
    expect(updateAccount.sync).toMatchObject({ status: "SYNCED", reason: "COUNTERPART_CREATED" });
    const companyId = updateAccount.sync.fsmId!;
    expect((await fsmContact()).companyId).toBe(companyId);

    // The link's shadow knows the company crossed: the next edit is no company change, and changes nothing there.
    const edit = await query(t.url, UpdateCrmContactDocument, { id: contact.record!.id, input: { phone: "+1 555 0142" } }, user);
    expect(edit.updateCrmContact.sync.status).toBe("SYNCED");
    expect((await fsmContact()).companyId).toBe(companyId);
  });

  it("leaves a Contact that already has a Company where it is", async () => {
    const user = t.standard.token;
    const { createAccount: placed } = await query(t.url, CreateAccountDocument, { input: { accountName: "Placed Co", industry: "Retail" } }, user);
    const { createAccount: late } = await query(t.url, CreateAccountDocument, { input: { accountName: "Later Co", industry: "Hospitality" } }, user);
    const contact = (
      await query(t.url, CreateCrmContactDocument, { input: { lastName: "Placed", email: "placed@late.example", accountId: late.record!.id } }, user)
    ).createCrmContact;
    const fsmContactId = contact.sync.fsmId!;
    // Placed in a Company in the FSM meanwhile (outside the gateway's sync).
    await t.services.fsm.update("Contacts", fsmContactId, { companyId: placed.sync.fsmId }, { userId: "fsm-user" });
    const { updateAccount } = await query(t.url, UpdateAccountDocument, { id: late.record!.id, input: { industry: "Retail" } }, user);
    expect(updateAccount.sync).toMatchObject({ status: "SYNCED", reason: "COUNTERPART_CREATED" });
    expect((await t.services.fsm.getMany("Contacts", [fsmContactId]))[0].companyId).toBe(placed.sync.fsmId);
  });
});
