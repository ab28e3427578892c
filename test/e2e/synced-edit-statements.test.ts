import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { postGraphQL } from "../support/graphql-client";
import { DemoOrgSeeder } from "../../src/seed/seed-demo-org";
import { DEMO_SCALE } from "../../src/seed/demo-scale";

const EDIT = `mutation ($id: ID!, $phone: String) {
  updateCrmContact(id: $id, input: { phone: $phone }) { record { id phone } sync { status reason fsmId } }
}`;

/**
 * What one synced edit costs in SQL (scenario (d) of the benchmark; on PostgreSQL every statement is a round
 * trip): each record read once per transaction, nothing read back after it was written, the pair's rules in one read.
 */
interface EditAnswer {
  updateCrmContact: { sync: { status: string; reason: string | null; fsmId: string } };
}

describe("statements of a synced edit", () => {
  let t: TestGateway;
  let contacts: string[];
  let statements: string[] = [];

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    await new DemoOrgSeeder(t.services, { ...DEMO_SCALE, accounts: 3, fsmWorkShare: 1, parentedShare: 0 }, { userId: t.admin.user.id }).run();
    const links: { crmId: string }[] = await t.services.db.dataSource.query(
      `SELECT "crmId" FROM "gw_sync_link" WHERE "crmModule" = 'Contacts' AND "status" = 'ACTIVE' ORDER BY "crmId"`,
    );
    contacts = links.map((link) => link.crmId);
    t.gateway.queryCounter.onQuery = (sql) => statements.push(sql);
  });
  afterAll(() => t.stop());

  const edit = async (id: string, phone: string) => {
    statements = [];
    const response = await postGraphQL<EditAnswer>(t.url, { query: EDIT, variables: { id, phone } }, t.admin.token);
    expect(response.errors).toBeUndefined();
    expect(response.data!.updateCrmContact.sync).toMatchObject({ status: "SYNCED", reason: null });
    return response.data!.updateCrmContact.sync.fsmId;
  };
  const touching = (table: string, verb: string) => statements.filter((sql) => sql.startsWith(verb) && sql.includes(`"${table}"`));

  it("reads each record once per transaction, reads nothing back after writing it, and opens the day's run once", async () => {
    expect(contacts.length).toBeGreaterThan(2);
    await edit(contacts[0], "+44 20 7946 0000");
    expect(touching("gw_sync_run", "INSERT")).toHaveLength(1);

    const fsmId = await edit(contacts[1], "+44 20 7946 0001");
    // The day's run is known to exist once a sync that recorded into it has committed.
    expect(touching("gw_sync_run", "INSERT")).toHaveLength(0);
    // The edited CRM Contact: locked and read before the write, read by the sync, read for the answer.
    expect(touching("crm_contact", "SELECT")).toHaveLength(3);
    // Its FSM Contact: read (locked) once by the sync, then written from what was read.
    expect(touching("fsm_contact", "SELECT")).toHaveLength(1);
    expect(touching("fsm_contact", "UPDATE")).toHaveLength(1);
    // Outbox: the claim and the other side's pending edits; no read-back of the inserted entry or event.
    expect(touching("gw_outbox", "SELECT")).toHaveLength(2);
    expect(touching("gw_sync_event", "SELECT")).toHaveLength(0);
    // Sync settings and both sides' personal-data rules in one statement.
    const rules = touching("gw_sync_settings", "SELECT");
    expect(rules).toHaveLength(1);
    expect(rules[0]).toContain(`"gw_personal_data_setting"`);
    expect(touching("gw_personal_data_setting", "SELECT")).toHaveLength(1);
    expect((await t.services.fsm.getMany("Contacts", [fsmId]))[0].phone).toBe("+44 20 7946 0001");
  });

  it("still applies a personal-data restriction made between two edits", async () => {
    await t.services.privacy.setCrmRestriction("Contacts", true, true, t.admin.user.id, ["Contacts"]);
    try {
      statements = [];
      const response = await postGraphQL<EditAnswer>(t.url, { query: EDIT, variables: { id: contacts[2], phone: "+44 20 7946 0002" } }, t.admin.token);
      expect(response.errors).toBeUndefined();
      const fsmId = response.data!.updateCrmContact.sync.fsmId;
      expect((await t.services.fsm.getMany("Contacts", [fsmId]))[0].phone).not.toBe("+44 20 7946 0002");
    } finally {
      await t.services.privacy.setCrmRestriction("Contacts", false, false, t.admin.user.id, ["Contacts"]);
    }
  });
});
