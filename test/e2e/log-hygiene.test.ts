import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, testConfig, type TestGateway } from "../support/test-gateway";
import { postGraphQL, query } from "../support/graphql-client";
import { findLogLeaks } from "../support/log-leaks";
import { CreateAccountDocument, CreateCrmContactDocument, UpdateCrmContactDocument } from "../generated/graphql";
import { createLogger } from "../../src/http/logger";

const PERSONAL = {
  email: "ingrid.holm@private.example",
  phone: "+47 2222 3333",
  mobile: "+47 9999 8888",
  firstName: "Ingrid",
  lastName: "Holmqvist",
  street: "7 Hidden Road",
};

describe("log hygiene under a representative workload", () => {
  let t: TestGateway;
  const lines: string[] = [];

  beforeAll(async () => {
    const overrides = { syncWorker: false, logLevel: "debug" as const };
    t = await startTestGateway(overrides, { logger: createLogger(testConfig(overrides), { write: (line: string) => void lines.push(line) }) });
  });
  afterAll(() => t.stop());

  it("writes no e-mail address, token, Authorization value or personal field value to any line", async () => {
    // Sign-in, records with personal fields (synced to the FSM, so the sync logs too), an update.
    const { createAccount } = await query(t.url, CreateAccountDocument, { input: { accountName: "Holm Logistics" } }, t.standard.token);
    const { createCrmContact } = await query(
      t.url,
      CreateCrmContactDocument,
      {
        input: {
          lastName: PERSONAL.lastName,
          firstName: PERSONAL.firstName,
          email: PERSONAL.email,
          phone: PERSONAL.phone,
          accountId: createAccount.record!.id,
          mailingAddress: { street: PERSONAL.street, city: "Bergen" },
        },
      },
      t.standard.token,
    );
    await query(t.url, UpdateCrmContactDocument, { id: createCrmContact.record!.id, input: { mobile: PERSONAL.mobile } }, t.standard.token);
    // Errors: a made-up token, a malformed body, an unknown field, a bad variable carrying an address.
    await postGraphQL(t.url, { query: "{ me { id } }" }, "gw_ThisIsNotARealTokenButLooksLikeOne1234567890");
    await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.admin.token}` },
      body: `{"query": "${PERSONAL.email}`,
    });
    await postGraphQL(t.url, { query: `{ accounts(first: 1) { nodes { ${"x".repeat(3)} } } }` }, t.standard.token);
    await postGraphQL(t.url, { query: "query($f: Int) { accounts(first: $f) { totalCount } }", variables: { f: PERSONAL.email } }, t.standard.token);
    // Mail to the administrators (kept in the outbox: no SMTP here), whose addresses the notifier used to log.
    await t.services.notifier.notifyAdmins(`Sync problem with ${PERSONAL.email}`, "details");
    // Whatever else code might log: a message built with values, an error quoting them, a request's headers.
    const logger = createLogger(testConfig({ logLevel: "debug" }), { write: (line: string) => void lines.push(line) });
    logger.warn(`contact ${PERSONAL.email} (token ${t.admin.token}) could not be matched`);
    logger.error({ err: new Error(`duplicate key value (email)=(${PERSONAL.email})`), contact: { ...PERSONAL } }, "insert failed");
    logger.info(
      { req: { headers: { authorization: `Bearer ${t.standard.token}` } }, upstream: `Authorization: Zoho-oauthtoken 1000.abcdef0123456789` },
      "vendor call",
    );

    expect(lines.length).toBeGreaterThan(10);
    expect(findLogLeaks(lines)).toEqual([]);
    const everything = lines.join("\n");
    for (const value of [...Object.values(PERSONAL), t.admin.token, t.standard.token, t.admin.user.email, "1000.abcdef0123456789"]) {
      expect(everything, value).not.toContain(value);
    }
    expect(everything).toContain("admin notification written to the outbox");
  });
});

describe("the start-up admin token", () => {
  const main = path.join(process.cwd(), "dist/src/main.js");
  let dir: string;

  beforeAll(() => {
    if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm test does).`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-token-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is written to a file only its owner can read, never to stdout", async () => {
    const sqlitePath = path.join(dir, "gateway.sqlite");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      SQLITE_PATH: sqlitePath,
      SEED_DEMO_DATA: "false",
      SYNC_WORKER: "false",
      LOG_LEVEL: "debug",
    };
    delete env.DATABASE_URL;
    delete env.ADMIN_TOKEN_FILE;
    const child = spawn(process.execPath, [main], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${output}`)), 30_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const found = /playground: (\S+)/.exec(output);
          if (found && output.includes("cat ")) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        };
        child.stdout.on("data", read);
        child.stderr.on("data", read);
        child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      const file = path.join(dir, "admin-token");
      expect((fs.statSync(file).mode & 0o777).toString(8)).toBe("600");
      const token = fs.readFileSync(file, "utf8").trim();
      expect(token).toMatch(/^gw_/);
      expect(output).not.toContain(token);
      expect(output).not.toMatch(/gw_[A-Za-z0-9_-]{20,}/);
      expect(findLogLeaks(output.split("\n").filter((line) => line.startsWith("{")))).toEqual([]);
      expect(output).toContain(`cat ${path.relative(process.cwd(), file)}`);
      const me = await postGraphQL<{ me: { profile: string } }>(url, { query: "{ me { profile } }" }, token);
      expect(me.data?.me.profile).toBe("Administrator");
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  });
});
