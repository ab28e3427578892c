import net from "node:net";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { execute, query } from "../support/graphql-client";
import {
  AdminMailboxDocument,
  CreateAccountDocument,
  OrgSettingsDocument,
  SetFinanceSuiteIntegrationDocument,
  SyncRecordNowDocument,
  UpdateAccountDocument,
} from "../generated/graphql";
import { ADMINISTRATOR_PROFILE, User } from "../../src/access/user.entity";

const SYNC_DISABLED_SUBJECT = "Two-Way Sync between CRM and FSM is disabled";

interface ReceivedMail {
  from: string;
  recipients: string[];
  subject: string;
  body: string;
}

/** A real SMTP server in the test process, on 127.0.0.1 and a random port, keeping what arrives. */
async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const [head, ...body] = raw.split("\r\n\r\n");
        const headers = head.replace(/\r\n[ \t]+/g, " ");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address).sort(),
          subject: /^Subject: (.*)$/im.exec(headers)?.[1] ?? "",
          body: body.join("\r\n\r\n"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("admin notifications over SMTP and the finance-suite switch", () => {
  let t: TestGateway;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let expectedRecipients: string[];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestGateway({ syncWorker: false, smtpUrl: smtp.url, mailFrom: "Gateway <gateway@test.example>" });
    const second = await t.services.access.createUser({ name: "Second Admin", email: "second.admin@test.example", profile: ADMINISTRATOR_PROFILE });
    const retired = await t.services.access.createUser({ name: "Retired Admin", email: "retired.admin@test.example", profile: ADMINISTRATOR_PROFILE });
    await t.services.db.transaction((m) => m.update(User, { id: retired.id }, { active: false }));
    expectedRecipients = [t.admin.user.email, second.email].sort();
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  it("switching the finance flag on mails the active admins once, keeps changes pending and refuses sync-now; clearing it syncs them", async () => {
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Ledger Labs", phone: "+1 555 0200" } }, t.standard.token);
    expect(createAccount.sync.status).toBe("SYNCED");
    const accountId = createAccount.record!.id;
    const companyId = createAccount.sync.fsmId!;

    const { setFinanceSuiteIntegration } = await query(t.url, SetFinanceSuiteIntegrationDocument, { integrated: true }, t.admin.token);
    expect(setFinanceSuiteIntegration).toEqual({ financeSuiteIntegrated: true, modifiedBy: t.admin.user.id });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ from: "gateway@test.example", recipients: expectedRecipients, subject: SYNC_DISABLED_SUBJECT });
    expect(smtp.received[0].body).toContain("finance suite");

    // Already on: no second mail.
    await query(t.url, SetFinanceSuiteIntegrationDocument, { integrated: true }, t.admin.token);
    expect(smtp.received).toHaveLength(1);
    expect((await query(t.url, OrgSettingsDocument, {}, t.admin.token)).orgSettings.financeSuiteIntegrated).toBe(true);

    const { updateAccount } = await query(t.url, UpdateAccountDocument, { id: accountId, input: { phone: "+1 555 0299" } }, t.standard.token);
    expect(updateAccount.record!.phone).toBe("+1 555 0299");
    expect(updateAccount.sync).toMatchObject({ status: "PENDING", reason: "DIRECT_SYNC_DISABLED" });
    const companyPhone = async () => (await t.services.fsm.getMany("Companies", [companyId]))[0].phone;
    expect(await companyPhone()).toBe("+1 555 0200");

    const refused = await execute(t.url, SyncRecordNowDocument, { system: "CRM", module: "Accounts", id: accountId }, t.admin.token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", reason: "DIRECT_SYNC_DISABLED" });
    expect(await t.services.engine.drain()).toBe(0);
    expect(await companyPhone()).toBe("+1 555 0200");

    await query(t.url, SetFinanceSuiteIntegrationDocument, { integrated: false }, t.admin.token);
    expect(smtp.received).toHaveLength(1);
    expect(await t.services.engine.drain()).toBeGreaterThanOrEqual(1);
    expect(await companyPhone()).toBe("+1 555 0299");
  });

  it("records the SMTP-sent mail in the admin mailbox", async () => {
    const { adminMailbox } = await query(t.url, AdminMailboxDocument, { first: 10 }, t.admin.token);
    expect(adminMailbox).toHaveLength(1);
    expect(adminMailbox[0]).toMatchObject({ subject: SYNC_DISABLED_SUBJECT, transport: "SMTP", error: null });
    expect([...adminMailbox[0].to].sort()).toEqual(expectedRecipients);
    expect(adminMailbox[0].deliveredTime).not.toBeNull();
  });

  it("refuses the mailbox and the finance switch to a Standard user with FORBIDDEN", async () => {
    const mailbox = await execute(t.url, AdminMailboxDocument, {}, t.standard.token);
    expect(mailbox.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, path: ["adminMailbox"] });
    const flag = await execute(t.url, SetFinanceSuiteIntegrationDocument, { integrated: true }, t.standard.token);
    expect(flag.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, path: ["setFinanceSuiteIntegration"] });
    expect((await query(t.url, OrgSettingsDocument, {}, t.admin.token)).orgSettings.financeSuiteIntegrated).toBe(false);
  });
});

describe("admin notifications without SMTP", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false, smtpUrl: null });
  });
  afterAll(() => t?.stop());

  it("writes the mail to the local outbox, listed newest first in adminMailbox", async () => {
    expect((await query(t.url, AdminMailboxDocument, {}, t.admin.token)).adminMailbox).toEqual([]);
    await query(t.url, SetFinanceSuiteIntegrationDocument, { integrated: true }, t.admin.token);
    const { adminMailbox } = await query(t.url, AdminMailboxDocument, { first: 5 }, t.admin.token);
    expect(adminMailbox).toHaveLength(1);
    expect(adminMailbox[0]).toMatchObject({ to: [t.admin.user.email], subject: SYNC_DISABLED_SUBJECT, transport: "OUTBOX", error: null });
    expect(adminMailbox[0].text).toContain("direct two-way sync");
    expect(adminMailbox[0].deliveredTime).not.toBeNull();
  });
});

describe("admin notifications when the SMTP server is unreachable", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false, smtpUrl: `smtp://127.0.0.1:${await closedPort()}` });
  });
  afterAll(() => t?.stop());

  it("still switches the flag, and keeps the mail in the mailbox with the error", async () => {
    const { setFinanceSuiteIntegration } = await query(t.url, SetFinanceSuiteIntegrationDocument, { integrated: true }, t.admin.token);
    expect(setFinanceSuiteIntegration.financeSuiteIntegrated).toBe(true);
    const { adminMailbox } = await query(t.url, AdminMailboxDocument, {}, t.admin.token);
    expect(adminMailbox).toHaveLength(1);
    expect(adminMailbox[0]).toMatchObject({ subject: SYNC_DISABLED_SUBJECT, transport: "SMTP", deliveredTime: null });
    expect(adminMailbox[0].error).toMatch(/ECONNREFUSED|connect/i);
  });
});
