import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "pg";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { postGraphQL } from "../support/graphql-client";
import { CrmContact } from "../../src/crm/entities/crm-contact.entity";
import { OutboxEntry } from "../../src/sync/outbox/outbox-entry.entity";

const CREATE = "mutation($input: CrmContactInput!) { createCrmContact(input: $input) { record { id lastName } sync { status reason } } }";
const ON_POSTGRES = Boolean(process.env.DATABASE_URL);

interface Attempt {
  lastName: string;
  outcome: "saved" | "refused";
  id?: string;
}

/** Sends one create and sorts its answer: saved, or refused with STORAGE_UNAVAILABLE; anything else fails the test. */
async function create(t: TestGateway, lastName: string): Promise<Attempt> {
  const answer = await postGraphQL<{ createCrmContact: { record: { id: string } | null } }>(t.url, { query: CREATE, variables: { input: { lastName } } }, t.admin.token);
  if (answer.errors?.length) {
    expect(answer.errors.map((e) => e.extensions?.code)).toEqual(["STORAGE_UNAVAILABLE"]);
    expect(answer.errors[0].message).toMatch(/nothing was saved/i);
    return { lastName, outcome: "refused" };
  }
  const id = answer.data?.createCrmContact.record?.id;
  expect(id).toBeTruthy();
  return { lastName, outcome: "saved", id };
}

async function readiness(t: TestGateway): Promise<{ status: number; body: { status: string; checks: Record<string, { status: string }> } }> {
  const response = await fetch(t.url.replace(/\/graphql$/, "/readyz"));
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, { status: string }> } };
}

/** Every answered success is stored with its outbox entry; every refusal left neither. */
async function expectOnlySavedOnes(t: TestGateway, attempts: Attempt[]) {
  const { manager } = t.services.db;
  for (const attempt of attempts) {
    const rows = await manager.findBy(CrmContact, { lastName: attempt.lastName });
    if (attempt.outcome === "saved") {
      expect(rows.map((r) => r.id), attempt.lastName).toEqual([attempt.id]);
      expect(await manager.countBy(OutboxEntry, { module: "Contacts", recordId: attempt.id! }), attempt.lastName).toBeGreaterThan(0);
    } else {
      expect(rows, attempt.lastName).toEqual([]);
    }
  }
  const orphans = await manager
    .createQueryBuilder(OutboxEntry, "o")
    .where("o.side = 'CRM' AND o.module = 'Contacts'")
    .andWhere(`NOT EXISTS (SELECT 1 FROM crm_contact c WHERE c.id = o.recordId)`)
    .getCount();
  expect(orphans).toBe(0);
}

describe.skipIf(ON_POSTGRES)("SQLite: a full disk fails writes closed and loses nothing", () => {
  let t: TestGateway;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "storage-faults-"));
    t = await startTestGateway({ sqlitePath: path.join(dir, "gateway.sqlite") });
  });
  afterAll(async () => {
    await t?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers STORAGE_UNAVAILABLE while full, reports not ready, recovers, and keeps every confirmed write", async () => {
    const attempts: Attempt[] = [];
    for (let i = 0; i < 5; i += 1) attempts.push(await create(t, `before-${i}`));
    expect(attempts.every((a) => a.outcome === "saved")).toBe(true);
    expect((await readiness(t)).status).toBe(200);

    const db = t.services.db.dataSource;
    const [{ page_count: pages }] = await db.query("PRAGMA page_count");
    await db.query(`PRAGMA max_page_count = ${pages}`);
    for (let i = 0; i < 60; i += 1) attempts.push(await create(t, `full-${i}`));
    expect(attempts.filter((a) => a.outcome === "refused").length).toBeGreaterThan(0);
    const during = await readiness(t);
    expect(during.status).toBe(503);
    expect(during.body.checks.writes.status).toBe("failed");

    await db.query("PRAGMA max_page_count = 1073741823");
    for (let i = 0; i < 5; i += 1) attempts.push(await create(t, `after-${i}`));
    expect(attempts.slice(-5).every((a) => a.outcome === "saved")).toBe(true);
    expect((await readiness(t)).status).toBe(200);

    await t.restart();
    await expectOnlySavedOnes(t, attempts);
  });
});
