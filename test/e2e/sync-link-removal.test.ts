import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import {
  CreateAccountDocument,
  CreateCrmContactDocument,
  RemoveSyncLinkDocument,
  UpdateCrmContactDocument,
  UpdateFsmContactDocument,
} from "../generated/graphql";
import { SyncLink } from "../../src/links/sync-link.entity";
import { SyncEvent } from "../../src/sync/history/sync-event.entity";
import { TimelineEntry } from "../../src/timeline/timeline-entry.entity";

describe("removeSyncLink: a Contact whose company must change", () => {
  let t: TestGateway;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    const user = t.standard.token;
    for (const name of ["Acme", "Globex"]) {
      const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: name } }, user);
      ids[name] = createAccount.record!.id;
      ids[`${name}Company`] = createAccount.sync.fsmId!;
    }
    const { createCrmContact } = await query(
      t.url,
      CreateCrmContactDocument,
      { input: { lastName: "Lovelace", email: "ada@acme.example", accountId: ids.Acme } },
      user,
    );
    expect(createCrmContact.sync.status).toBe("SYNCED");
    ids.crmContact = createCrmContact.record!.id;
    ids.fsmContact = createCrmContact.sync.fsmId!;
  });
  afterAll(() => t.stop());

  it("the company-change failure names the mutation; removing the link keeps both records, records who, and stops instant re-pairing", async () => {
    const user = t.standard.token;
    const move = await query(t.url, UpdateFsmContactDocument, { id: ids.fsmContact, input: { companyId: ids.GlobexCompany } }, user);
    expect(move.updateFsmContact.sync).toMatchObject({ status: "FAILED", reason: "COMPANY_CHANGE_NOT_ALLOWED" });
    expect(move.updateFsmContact.sync.message).toContain("removeSyncLink");

    const removed = await execute(t.url, RemoveSyncLinkDocument, { system: "FSM", module: "Contacts", id: ids.fsmContact }, user);
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeSyncLink).toMatchObject({ crmModule: "Contacts", crmId: ids.crmContact, fsmModule: "Contacts", fsmId: ids.fsmContact });
    const m = t.services.db.manager;
    expect(await m.countBy(SyncLink, { fsmId: ids.fsmContact })).toBe(0);
    expect(await t.services.crm.getMany("Contacts", [ids.crmContact])).toHaveLength(1);
    expect(await t.services.fsm.getMany("Contacts", [ids.fsmContact])).toHaveLength(1);
    const event = await m.findOneByOrFail(SyncEvent, { fsmId: ids.fsmContact, operation: "UNLINK" });
    expect(event).toMatchObject({ crmId: ids.crmContact, reason: "LINK_REMOVED", status: "SKIPPED" });
    expect(event.message).toContain(t.standard.user.id);
    const entry = await m.findOneByOrFail(TimelineEntry, { fsmId: ids.fsmContact, kind: "SYNC_LINK_REMOVED" });
    expect(entry.message).toContain(ids.crmContact);

    // Instant sync leaves the two apart: no clone on either side, the company change now stands.
    const countContacts = async () =>
      Promise.all([
        (await t.services.crm.list("Contacts", {}, { first: 1, direction: "ASC" })).countTotal(),
        (await t.services.fsm.list("Contacts", {}, { first: 1, direction: "ASC" })).countTotal(),
      ]);
    const contacts = await countContacts();
    const again = await query(t.url, UpdateFsmContactDocument, { id: ids.fsmContact, input: { companyId: ids.GlobexCompany } }, user);
    expect(again.updateFsmContact.sync).toMatchObject({ status: "SKIPPED", reason: "LINK_REMOVED" });
    const crmEdit = await query(t.url, UpdateCrmContactDocument, { id: ids.crmContact, input: { phone: "+1 555 0199" } }, user);
    expect(crmEdit.updateCrmContact.sync).toMatchObject({ status: "SKIPPED", reason: "LINK_REMOVED" });
    expect(await countContacts()).toEqual(contacts);
    expect(await m.countBy(SyncLink, { crmId: ids.crmContact })).toBe(0);
  });

  it("refuses a record without a link (NOT_FOUND), a module that does not sync with the system (BAD_USER_INPUT), and anonymous callers", async () => {
    const user = t.standard.token;
    const none = await execute(t.url, RemoveSyncLinkDocument, { system: "FSM", module: "Contacts", id: ids.fsmContact }, user);
    expect(none.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    const wrong = await execute(t.url, RemoveSyncLinkDocument, { system: "CRM", module: "Companies", id: ids.AcmeCompany }, user);
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "module" } });
    expect(await t.services.db.manager.countBy(SyncLink, { fsmId: ids.AcmeCompany })).toBe(1);
    const anonymous = await execute(t.url, RemoveSyncLinkDocument, { system: "CRM", module: "Accounts", id: ids.Acme }, "");
    expect(anonymous.errors?.[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect(await t.services.db.manager.countBy(SyncLink, { crmId: ids.Acme })).toBe(1);
  });
});
