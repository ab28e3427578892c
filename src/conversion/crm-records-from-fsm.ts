import type { Services } from "../services";
import { SystemName } from "../fields/field-definition.entity";
import type { Actor } from "../common/record-store";
import type { CrmRecords } from "../modules/module-registry";
import { BadUserInputError, NotFoundError } from "../errors/app-error";
import { LinkStatus } from "../links/sync-link.entity";

/**
 * Deals and Sales Orders created in the CRM from FSM Companies and Contacts: usable once those are synced,
 * resolved to their Accounts and Contacts.
 */
export class CrmRecordsFromFsm {
  constructor(private readonly services: Pick<Services, "crm" | "fsm" | "links" | "inputs">) {}

  async createDeal(companyId: string, contactId: string | null, input: Partial<CrmRecords["Deals"]>, actor: Actor): Promise<CrmRecords["Deals"]> {
    await this.services.inputs.check(SystemName.CRM, "Deals", input);
    return this.services.crm.create("Deals", { ...input, ...(await this.customer(companyId, contactId)) }, actor);
  }

  async createSalesOrder(companyId: string, contactId: string | null, input: Partial<CrmRecords["Sales_Orders"]>, actor: Actor): Promise<CrmRecords["Sales_Orders"]> {
    await this.services.inputs.check(SystemName.CRM, "Sales_Orders", input);
    const customer = await this.customer(companyId, contactId);
    if (input.dealId) {
      // The Deal must exist and be the same customer's.
      const [deal] = await this.services.crm.getMany("Deals", [input.dealId]);
      if (!deal) throw new NotFoundError("CRM Deal", input.dealId);
      if (deal.accountId && deal.accountId !== customer.accountId) {
        throw new BadUserInputError("dealId", `dealId: CRM Deal "${input.dealId}" belongs to another Account than FSM Company "${companyId}"`);
      }
    }
    return this.services.crm.create("Sales_Orders", { ...input, ...customer }, actor);
  }

  private async customer(companyId: string, contactId: string | null) {
    const accountId = await this.syncedCounterpart("Companies", companyId, "companyId", "Company");
    const crmContactId = contactId ? await this.syncedCounterpart("Contacts", contactId, "contactId", "Contact", companyId) : null;
    return { accountId, contactId: crmContactId };
  }

  /** The linked CRM id of a synced FSM record; a Contact must not belong to a Company other than the one given. */
  private async syncedCounterpart(module: "Companies" | "Contacts", id: string, field: string, label: string, companyId?: string): Promise<string> {
    const [record] = await this.services.fsm.getMany(module, [id]);
    if (!record) throw new NotFoundError(`FSM ${label}`, id);
    const ownCompany = (record as { companyId?: string | null }).companyId;
    if (companyId && ownCompany && ownCompany !== companyId) {
      throw new BadUserInputError(field, `${field}: FSM Contact "${id}" belongs to another Company ("${ownCompany}"), not to "${companyId}"`);
    }
    const [link] = await this.services.links.syncLinksByFsmIds(module, [id]);
    if (!link || link.status !== LinkStatus.ACTIVE) {
      throw new BadUserInputError(field, `${field}: FSM ${label} "${id}" is not synced with the CRM yet; sync it first (syncRecordNow) and try again`);
    }
    return link.crmId;
  }
}
