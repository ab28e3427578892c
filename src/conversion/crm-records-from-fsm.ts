import type { Services } from "../services";
import type { Actor } from "../common/record-store";
import type { CrmRecords } from "../crm/crm-records";
import { BadUserInputError, NotFoundError } from "../errors/app-error";
import { LinkStatus } from "../links/sync-link.entity";

/**
 * Deals and Sales Orders created in the CRM from FSM Companies and Contacts: usable once those are synced,
 * resolved to their Accounts and Contacts.
 */
export class CrmRecordsFromFsm {
  constructor(private readonly services: Pick<Services, "crm" | "fsm" | "links">) {}

  async createDeal(companyId: string, contactId: string | null, input: Partial<CrmRecords["Deals"]>, actor: Actor): Promise<CrmRecords["Deals"]> {
    return this.services.crm.create("Deals", { ...input, ...(await this.customer(companyId, contactId)) }, actor);
  }

  async createSalesOrder(companyId: string, contactId: string | null, input: Partial<CrmRecords["Sales_Orders"]>, actor: Actor): Promise<CrmRecords["Sales_Orders"]> {
    return this.services.crm.create("Sales_Orders", { ...input, ...(await this.customer(companyId, contactId)) }, actor);
  }

  private async customer(companyId: string, contactId: string | null) {
    const accountId = await this.syncedCounterpart("Companies", companyId, "companyId", "Company");
    const crmContactId = contactId ? await this.syncedCounterpart("Contacts", contactId, "contactId", "Contact") : null;
    return { accountId, contactId: crmContactId };
  }

  private async syncedCounterpart(module: "Companies" | "Contacts", id: string, field: string, label: string): Promise<string> {
    const [record] = await this.services.fsm.getMany(module, [id]);
    if (!record) throw new NotFoundError(`FSM ${label}`, id);
    const [link] = await this.services.links.syncLinksByFsmIds(module, [id]);
    if (!link || link.status !== LinkStatus.ACTIVE) {
      throw new BadUserInputError(field, `${field}: FSM ${label} "${id}" is not synced with the CRM yet; sync it first (syncRecordNow) and try again`);
    }
    return link.crmId;
  }
}
