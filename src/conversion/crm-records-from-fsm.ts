import type { CrmStore } from "../crm/crm-store";
import type { FsmStore } from "../fsm/fsm-store";
import type { LinkStore } from "../links/link-store";
import type { RecordInputCheck } from "../fields/record-input-check";
import { SystemName } from "../fields/field-definition.entity";
import type { Actor } from "../common/record-store";
import type { CrmRecords } from "../modules/module-registry";
import { BadUserInputError, NotFoundError } from "../errors/app-error";
import { LinkStatus } from "../links/sync-link.entity";

export interface CrmRecordsFromFsmDeps {
  crm: CrmStore;
  fsm: FsmStore;
  links: LinkStore;
  inputs: RecordInputCheck;
}

/**
 * Deals and Sales Orders created in the CRM from FSM Companies and Contacts: usable once those are synced,
 * resolved to their Accounts and Contacts.
 */
export class CrmRecordsFromFsm {
  constructor(private readonly deps: CrmRecordsFromFsmDeps) {}

  async createDeal(companyId: string, contactId: string | null, input: Partial<CrmRecords["Deals"]>, actor: Actor): Promise<CrmRecords["Deals"]> {
    await this.deps.inputs.check(SystemName.CRM, "Deals", input);
    return this.deps.crm.create("Deals", { ...input, ...(await this.customer(companyId, contactId)) }, actor);
  }

  async createSalesOrder(
    companyId: string,
    contactId: string | null,
    input: Partial<CrmRecords["Sales_Orders"]>,
    actor: Actor,
  ): Promise<CrmRecords["Sales_Orders"]> {
    await this.deps.inputs.check(SystemName.CRM, "Sales_Orders", input);
    const customer = await this.customer(companyId, contactId);
    if (input.dealId) {
      // The Deal must exist and be the same customer's.
      const [deal] = await this.deps.crm.getMany("Deals", [input.dealId]);
      if (!deal) throw new NotFoundError("CRM Deal", input.dealId);
      if (deal.accountId && deal.accountId !== customer.accountId) {
        throw new BadUserInputError("dealId", `dealId: CRM Deal "${input.dealId}" belongs to another Account than FSM Company "${companyId}"`);
      }
    }
    return this.deps.crm.create("Sales_Orders", { ...input, ...customer }, actor);
  }

  private async customer(companyId: string, contactId: string | null) {
    const accountId = await this.syncedCounterpart("Companies", companyId, "companyId", "Company");
    const crmContactId = contactId ? await this.syncedCounterpart("Contacts", contactId, "contactId", "Contact", companyId) : null;
    return { accountId, contactId: crmContactId };
  }

  /** The linked CRM id of a synced FSM record; a Contact must not belong to a Company other than the one given. */
  private async syncedCounterpart(module: "Companies" | "Contacts", id: string, field: string, label: string, companyId?: string): Promise<string> {
    const [record] = await this.deps.fsm.getMany(module, [id]);
    if (!record) throw new NotFoundError(`FSM ${label}`, id);
    const ownCompany = (record as { companyId?: string | null }).companyId;
    if (companyId && ownCompany && ownCompany !== companyId) {
      throw new BadUserInputError(field, `${field}: FSM Contact "${id}" belongs to another Company ("${ownCompany}"), not to "${companyId}"`);
    }
    const [link] = await this.deps.links.syncLinksByFsmIds(module, [id]);
    if (!link || link.status !== LinkStatus.ACTIVE) {
      throw new BadUserInputError(field, `${field}: FSM ${label} "${id}" is not synced with the CRM yet; sync it first (syncRecordNow) and try again`);
    }
    return link.crmId;
  }
}
