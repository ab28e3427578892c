import type { CrmStore } from "../crm/crm-store";
import type { FsmStore } from "../fsm/fsm-store";
import type { LinkStore } from "../links/link-store";
import type { Actor, RecordInput } from "../common/record-store";
import type { CrmRecords, FsmRecords } from "../modules/module-registry";
import type { Address } from "../common/address";
import type { NewParentLink } from "../links/link-store";
import { Random } from "./random";
import type { DemoScale } from "./demo-scale";
import * as words from "./demo-vocabulary";
import { demoPricedLine, documentTotals } from "./demo-pricing";
import { totalsOf } from "../workflow/totals";
import { workOrderStatusFromAppointments, WorkOrderStatus } from "../workflow/work-order-lifecycle";
import type { OrgSettingsService } from "../org/org-settings-service";
import type { IntegrationService } from "../org/integration-service";
import { InstallMode, InstallState } from "../org/install-state";
import type { InitialSyncRunner } from "../sync/initial/initial-sync-runner";
import { DuplicateMode, JobState } from "../sync/initial/initial-sync-job.entity";

const DAY_MS = 86_400_000;

function isoDate(offsetDays: number): string {
  return new Date(Date.UTC(2026, 10, 1) + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/** What the seeder writes through: the two systems' stores, and the public install steps an admin takes. */
export interface SeedStores {
  crm: CrmStore;
  fsm: FsmStore;
  links: LinkStore;
  org: Pick<OrgSettingsService, "get">;
  integration: Pick<IntegrationService, "install" | "integrate">;
  initialSync: Pick<InitialSyncRunner, "start" | "idle" | "get">;
}

/**
 * Writes a whole organisation the way one comes about: the CRM's records, then the integration installed and
 * integrated through the same service calls as the GraphQL mutations (the initial sync makes the FSM Companies,
 * Contacts and Services and their sync links), then the FSM's own work under the synced customers.
 */
export class DemoOrgSeeder {
  private readonly random: Random;

  constructor(
    private readonly stores: SeedStores,
    private readonly scale: DemoScale,
    private readonly actor: Actor,
    seed = 20261125,
  ) {
    this.random = new Random(seed);
  }

  private count(average: number): number {
    return Math.floor(average) + (this.random.chance(average % 1) ? 1 : 0);
  }

  private address(): Address {
    const [city, state, country] = this.random.pick(words.CITIES);
    return {
      street: `${this.random.int(1, 400)} ${this.random.pick(words.STREETS)}`,
      city,
      state: state || null,
      code: String(this.random.int(10000, 99999)),
      country,
    };
  }

  async run(): Promise<void> {
    const { crm } = this.stores;
    const products = await crm.createMany("Products", this.productInputs(), this.actor);
    const accounts = await crm.createMany("Accounts", this.accountInputs(), this.actor);
    const contacts = await crm.createMany(
      "Contacts",
      accounts.flatMap((a) => this.contactInputs(a)),
      this.actor,
    );
    const contactsByAccount = groupBy(contacts, (c) => c.accountId);
    const deals = await crm.createMany(
      "Deals",
      accounts.flatMap((a) => this.dealInputs(a, contactsByAccount.get(a.id) ?? [])),
      this.actor,
    );
    const dealsByAccount = groupBy(deals, (d) => d.accountId);
    const orderInputs = accounts.flatMap((a) => this.salesOrderInputs(a, dealsByAccount.get(a.id) ?? []));
    const orderLines = orderInputs.map(() => this.lineInputs(products));
    const orders = await crm.createMany(
      "Sales_Orders",
      // A Sales Order also stores its tax (Estimates and Work Orders have no column for it).
      orderInputs.map((o, i) => ({ ...o, ...totalsOf(orderLines[i]) })),
      this.actor,
    );
    await crm.createMany(
      "Sales_Order_Line_Items",
      orders.flatMap((o, i) => orderLines[i].map((line) => ({ ...line, salesOrderId: o.id }))),
      this.actor,
    );

    await this.integrate();

    const parts = await this.counterparts("Products", "Services_And_Parts", products);
    const companies = await this.counterparts("Accounts", "Companies", accounts);
    const companyOf = new Map(accounts.map((a, i) => [a.id, companies[i].id]));
    const fsmContacts = await this.counterparts("Contacts", "Contacts", contacts);
    const withWork = accounts.filter(() => this.random.chance(this.scale.fsmWorkShare));
    await this.seedFsmWork(
      withWork,
      companyOf,
      groupBy(fsmContacts, (c) => c.companyId),
      parts,
      dealsByAccount,
      groupBy(orders, (o) => o.accountId),
    );
  }

  /** Installs (for all users) and integrates as an admin would; an org already integrated gets an initial sync. */
  private async integrate(): Promise<void> {
    const { org, integration, initialSync } = this.stores;
    const { userId } = this.actor;
    let state = (await org.get()).installState;
    if (state === InstallState.NOT_INSTALLED || state === InstallState.UNINSTALLED) {
      state = (await integration.install(InstallMode.ALL_USERS, null, userId)).installState;
    }
    const job =
      state === InstallState.INSTALLED ? (await integration.integrate(DuplicateMode.CLONE, userId)).job : await initialSync.start(DuplicateMode.CLONE, userId);
    await initialSync.idle();
    const done = await initialSync.get(job.id);
    if (done.state !== JobState.COMPLETED) throw new Error(`seed: the initial sync ${job.id} ended ${done.state}: ${done.error ?? "no error"}`);
  }

  /** The FSM records the initial sync made for these CRM records, in their order; every one must have synced. */
  private async counterparts<C extends keyof CrmRecords, F extends keyof FsmRecords>(
    crmModule: C,
    fsmModule: F,
    records: { id: string }[],
  ): Promise<FsmRecords[F][]> {
    const links = await this.stores.links.syncLinksByCrmIds(
      crmModule,
      records.map((r) => r.id),
    );
    const fsmIdOf = new Map(links.map((l) => [l.crmId, l.fsmId]));
    const fsmRecords = new Map(
      (
        await this.stores.fsm.getMany(
          fsmModule,
          links.map((l) => l.fsmId),
        )
      ).map((r) => [r.id, r]),
    );
    return records.map((record) => {
      const counterpart = fsmRecords.get(fsmIdOf.get(record.id) ?? "");
      if (!counterpart) throw new Error(`seed: CRM ${crmModule} ${record.id} did not sync to ${fsmModule}`);
      return counterpart;
    });
  }

  private async seedFsmWork(
    accounts: CrmRecords["Accounts"][],
    companyOf: Map<string, string>,
    contactsByCompany: Map<string, FsmRecords["Contacts"][]>,
    parts: FsmRecords["Services_And_Parts"][],
    dealsByAccount: Map<string, CrmRecords["Deals"][]>,
    ordersByAccount: Map<string, CrmRecords["Sales_Orders"][]>,
  ): Promise<void> {
    const { fsm, links } = this.stores;
    const customer = (accountId: string) => {
      const companyId = companyOf.get(accountId);
      if (companyId === undefined) throw new Error(`seed: account ${accountId} has no company`);
      const contacts = contactsByCompany.get(companyId) ?? [];
      return { companyId, contactId: contacts.length ? this.random.pick(contacts).id : null };
    };
    const summary = () => `${this.random.pick(words.SERVICES)} at ${this.random.pick(words.STREETS)}`;

    const assets = await fsm.createMany(
      "Assets",
      accounts.flatMap((a) =>
        Array.from({ length: this.count(this.scale.assetsPerAccount) }, (_, i) => {
          const part = this.random.pick(parts);
          return {
            ...customer(a.id),
            name: `${part.name} #${i + 1}`,
            assetNumber: `AS-${this.random.int(10000, 99999)}`,
            serviceAndPartId: part.id,
            serial: `SN${this.random.int(100000, 999999)}`,
            installationDate: isoDate(-this.random.int(30, 900)),
            warrantyExpiry: isoDate(this.random.int(30, 700)),
          };
        }),
      ),
      this.actor,
    );
    const perAccount = <T>(average: number, make: (accountId: string) => T) =>
      accounts.flatMap((a) => Array.from({ length: this.count(average) }, () => ({ accountId: a.id, values: make(a.id) })));

    const requestRows = perAccount(this.scale.requestsPerAccount, (id) => ({
      ...customer(id),
      summary: summary(),
      priority: this.random.pick(words.PRIORITIES),
      status: this.random.pick(words.REQUEST_STATUSES),
      dueDate: isoDate(this.random.int(1, 60)),
      preferredTime: "Any",
    }));
    const estimateRows = perAccount(this.scale.estimatesPerAccount, (id) => ({
      ...customer(id),
      summary: summary(),
      status: this.random.pick(["Draft", "Sent", "Accepted"]),
      expiryDate: isoDate(this.random.int(10, 90)),
    }));
    const estimateLines = estimateRows.map(() => [this.fsmLine(parts)]);
    const workOrderRows = perAccount(this.scale.workOrdersPerAccount, (id) => ({
      ...customer(id),
      summary: summary(),
      type: this.random.pick(["Service", "Inspection"]),
      priority: this.random.pick(words.PRIORITIES),
      dueDate: isoDate(this.random.int(1, 90)),
    }));
    const workOrderLines = workOrderRows.map(() => (this.random.chance(0.3) ? [this.fsmLine(parts)] : []));
    const appointmentRows = workOrderRows.map(({ values }) =>
      Array.from({ length: this.count(this.scale.appointmentsPerWorkOrder) }, () => {
        const start = Date.UTC(2026, 10, 1) + this.random.int(0, 90) * DAY_MS + this.random.int(8, 15) * 3_600_000;
        return {
          summary: values.summary,
          scheduledStart: new Date(start),
          scheduledEnd: new Date(start + this.random.int(1, 4) * 3_600_000),
          status: this.random.pick(words.APPOINTMENT_STATUSES),
          technician: this.random.pick(words.TECHNICIANS),
        };
      }),
    );
    const requests = await fsm.createMany(
      "Requests",
      requestRows.map((r) => r.values),
      this.actor,
    );
    const estimates = await fsm.createMany(
      "Estimates",
      estimateRows.map((r, i) => ({ ...r.values, ...documentTotals(estimateLines[i]) })),
      this.actor,
    );
    const workOrders = await fsm.createMany(
      "Work_Orders",
      workOrderRows.map((r, i) => ({
        ...r.values,
        // As the workflow derives it: a Work Order's status follows its appointments.
        status: workOrderStatusFromAppointments(
          WorkOrderStatus.New,
          appointmentRows[i].map((a) => a.status),
        ),
        ...documentTotals(workOrderLines[i]),
        assetId: this.random.chance(0.3) ? this.random.pick(assets).id : null,
      })),
      this.actor,
    );

    await fsm.createMany(
      "Service_Appointments",
      workOrders.flatMap((w, i) => appointmentRows[i].map((a) => ({ ...a, workOrderId: w.id }))),
      this.actor,
    );
    await fsm.createMany(
      "Work_Order_Line_Items",
      workOrders.flatMap((w, i) => workOrderLines[i].map((line) => ({ ...line, workOrderId: w.id }))),
      this.actor,
    );
    await fsm.createMany(
      "Estimate_Line_Items",
      estimates.flatMap((e, i) => estimateLines[i].map((line) => ({ ...line, estimateId: e.id }))),
      this.actor,
    );

    const parentLinks: NewParentLink[] = [];
    const addParents = (module: string, rows: { accountId: string }[], created: { id: string }[]) =>
      rows.forEach((row, i) => {
        if (!this.random.chance(this.scale.parentedShare)) return;
        const candidates = [
          ...(dealsByAccount.get(row.accountId) ?? []).map((d) => ["Deals", d.id]),
          ...(ordersByAccount.get(row.accountId) ?? []).map((o) => ["Sales_Orders", o.id]),
        ];
        if (!candidates.length) return;
        const [parentModule, parentId] = this.random.pick(candidates);
        parentLinks.push({ fsmModule: module, fsmId: created[i].id, parentModule, parentId });
      });
    addParents("Requests", requestRows, requests);
    addParents("Estimates", estimateRows, estimates);
    addParents("Work_Orders", workOrderRows, workOrders);
    await links.createParentLinks(parentLinks);
  }

  private fsmLine(parts: FsmRecords["Services_And_Parts"][]) {
    const part = this.random.pick(parts);
    return { position: 1, kind: part.type, serviceAndPartId: part.id, ...demoPricedLine(this.random.int(1, 4), part.unitPrice) };
  }

  private productInputs(): RecordInput<CrmRecords["Products"]>[] {
    return Array.from({ length: this.scale.products }, (_, i) => {
      const isService = i % 2 === 0;
      const name = `${this.random.pick(isService ? words.SERVICES : words.GOODS)} ${i < 16 ? "" : `Mk${Math.floor(i / 16)}`}`.trim();
      return {
        productName: name,
        productCode: `P-${1000 + i}`,
        unitPrice: this.random.int(20, 900),
        productActive: true,
        type: isService ? "Service" : "Goods",
        description: `${name} (${isService ? "service" : "part"})`,
      };
    });
  }

  private accountInputs(): RecordInput<CrmRecords["Accounts"]>[] {
    return Array.from({ length: this.scale.accounts }, (_, i) => {
      const name = `${this.random.pick(words.COMPANY_WORDS)} ${this.random.pick(words.COMPANY_KINDS)}${i >= 16 ? ` ${i}` : ""}`;
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "");
      return {
        accountName: name,
        phone: `+1 555 ${this.random.int(1000000, 9999999)}`,
        website: `https://${slug}.example.com`,
        industry: this.random.pick(words.INDUSTRIES),
        billingAddress: this.address(),
        shippingAddress: this.address(),
      };
    });
  }

  private contactInputs(account: CrmRecords["Accounts"]): RecordInput<CrmRecords["Contacts"]>[] {
    const domain = (account.website ?? "https://example.com").replace("https://", "");
    return Array.from({ length: this.count(this.scale.contactsPerAccount) }, (_, i) => {
      const firstName = this.random.pick(words.FIRST_NAMES);
      const lastName = this.random.pick(words.LAST_NAMES);
      return {
        firstName,
        lastName,
        email: `${firstName}.${lastName}${i}@${domain}`.toLowerCase(),
        phone: `+1 555 ${this.random.int(1000000, 9999999)}`,
        mobile: null,
        accountId: account.id,
        mailingAddress: this.address(),
      };
    });
  }

  private dealInputs(account: CrmRecords["Accounts"], own: CrmRecords["Contacts"][]): RecordInput<CrmRecords["Deals"]>[] {
    return Array.from({ length: this.count(this.scale.dealsPerAccount) }, () => ({
      dealName: `${account.accountName} — ${this.random.pick(words.SERVICES)} contract`,
      stage: this.random.pick(words.DEAL_STAGES),
      amount: this.random.int(1000, 90000),
      closingDate: isoDate(this.random.int(5, 120)),
      accountId: account.id,
      contactId: own.length ? this.random.pick(own).id : null,
    }));
  }

  private salesOrderInputs(account: CrmRecords["Accounts"], own: CrmRecords["Deals"][]): RecordInput<CrmRecords["Sales_Orders"]>[] {
    return Array.from({ length: this.count(this.scale.salesOrdersPerAccount) }, (_, i) => {
      const deal = own.length ? this.random.pick(own) : null;
      return {
        subject: `SO-${account.accountName.slice(0, 8).toUpperCase()}-${i + 1}`,
        status: this.random.pick(["Created", "Approved", "Delivered"]),
        dueDate: isoDate(this.random.int(5, 60)),
        accountId: account.id,
        contactId: deal?.contactId ?? null,
        dealId: deal?.id ?? null,
      };
    });
  }

  private lineInputs(products: CrmRecords["Products"][]) {
    return Array.from({ length: this.random.int(1, 3) }, (_, position) => {
      const product = this.random.pick(products);
      return { position, productId: product.id, ...demoPricedLine(this.random.int(1, 5), product.unitPrice ?? 0) };
    });
  }
}

/** Items without a key belong to no group. */
function groupBy<T>(items: T[], key: (item: T) => string | null | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const itemKey = key(item);
    if (itemKey === null || itemKey === undefined) continue;
    const group = groups.get(itemKey);
    if (group) group.push(item);
    else groups.set(itemKey, [item]);
  }
  return groups;
}
