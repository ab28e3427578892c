import { startGateway } from "../../src/gateway";
import { createLogger } from "../../src/http/logger";
import { bootstrapAdmin } from "../../src/access/bootstrap-admin";
import { Random } from "../../src/seed/random";
import * as words from "../../src/seed/demo-vocabulary";
import { benchGatewayConfig, freshDatabase, type DatabaseTarget } from "../database";

export interface UnsyncedOrgSize {
  accounts: number;
  contacts: number;
  /** Share of Accounts and Contacts also on the FSM side, unlinked. */
  duplicateShare: number;
}

export interface UnsyncedOrg {
  target: DatabaseTarget;
  store: "SQLite" | "PostgreSQL";
  adminId: string;
  seedSeconds: number;
  crm: { accounts: number; contacts: number };
  fsm: { companies: number; contacts: number };
  dispose(): Promise<void>;
}

const SEED_CHUNK = 5_000;

/**
 * An organisation that has never been synced, in a fresh database: N CRM Accounts and M CRM Contacts (spread over
 * the Accounts), and on the FSM side, unlinked, a share of them again as duplicates: a Company of the same name,
 * a Contact with the same e-mail (in the twin Company when the Account has one). Written through the gateway's
 * own stores (rules and all) in chunks.
 */
export async function seedUnsyncedOrg(size: UnsyncedOrgSize, databaseUrl: string | null, log: (line: string) => void): Promise<UnsyncedOrg> {
  const database = await freshDatabase("isbench", databaseUrl);
  try {
    const config = benchGatewayConfig(database.target, { syncWorker: false });
    const gateway = await startGateway(config, createLogger(config));
    const started = performance.now();
    try {
      const { crm, fsm, access } = gateway.services;
      const { admin } = await bootstrapAdmin(access);
      const actor = { userId: admin.id };
      const random = new Random(20261125);
      let companies = 0;
      let fsmContacts = 0;
      const accountIds: string[] = [];
      const twinCompanyOf = new Map<string, string>();
      for (let start = 0; start < size.accounts; start += SEED_CHUNK) {
        const inputs = Array.from({ length: Math.min(SEED_CHUNK, size.accounts - start) }, (_, k) => {
          const i = start + k;
          const name = `${random.pick(words.COMPANY_WORDS)} ${random.pick(words.COMPANY_KINDS)} ${i}`;
          return {
            accountName: name,
            phone: `+1 555 ${random.int(1000000, 9999999)}`,
            website: `https://a${i}.example.com`,
            industry: random.pick(words.INDUSTRIES),
          };
        });
        const accounts = await crm.createMany("Accounts", inputs, actor);
        accountIds.push(...accounts.map((a) => a.id));
        const twins = accounts.filter(() => random.chance(size.duplicateShare));
        // The FSM's copy: same name, its own phone, a description the CRM has not got.
        const created = await fsm.createMany(
          "Companies",
          twins.map((a) => ({ companyName: a.accountName, phone: `+9 999 ${random.int(1000000, 9999999)}`, email: `office@${a.id.slice(0, 8)}.fsm.example` })),
          actor,
        );
        twins.forEach((a, i) => twinCompanyOf.set(a.id, created[i].id));
        companies += created.length;
      }
      log(`  ${size.accounts} Accounts, ${companies} of them also as FSM Companies`);
      for (let start = 0; start < size.contacts; start += SEED_CHUNK) {
        const inputs = Array.from({ length: Math.min(SEED_CHUNK, size.contacts - start) }, (_, k) => {
          const i = start + k;
          const firstName = random.pick(words.FIRST_NAMES);
          const lastName = random.pick(words.LAST_NAMES);
          return {
            firstName,
            lastName,
            email: `${firstName}.${lastName}.${i}@contacts.example`.toLowerCase(),
            phone: `+1 555 ${random.int(1000000, 9999999)}`,
            accountId: accountIds[i % accountIds.length],
          };
        });
        const contacts = await crm.createMany("Contacts", inputs, actor);
        const twins = contacts.filter(() => random.chance(size.duplicateShare));
        await fsm.createMany(
          "Contacts",
          twins.map((c) => ({
            lastName: c.lastName,
            firstName: null,
            email: c.email ?? "",
            mobile: `+9 777 ${random.int(1000000, 9999999)}`,
            companyId: (c.accountId && twinCompanyOf.get(c.accountId)) ?? null,
          })),
          actor,
        );
        fsmContacts += twins.length;
      }
      log(`  ${size.contacts} Contacts, ${fsmContacts} of them also as FSM Contacts`);
      return {
        target: database.target,
        store: database.store,
        adminId: admin.id,
        seedSeconds: (performance.now() - started) / 1000,
        crm: { accounts: size.accounts, contacts: size.contacts },
        fsm: { companies, contacts: fsmContacts },
        dispose: database.dispose,
      };
    } finally {
      await gateway.stop();
    }
  } catch (error) {
    await database.dispose().catch(() => undefined);
    throw error;
  }
}
