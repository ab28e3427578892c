import type { CrmStore } from "../crm-store";
import type { StoreTransaction } from "../../common/record-store";
import { BadUserInputError } from "../../errors/app-error";

/** The Account and Contact (and Deal) a Deal or Sales Order is for, as they will be after the write. */
export interface CustomerRefs {
  accountId?: string | null;
  contactId?: string | null;
  dealId?: string | null;
}

/**
 * A Deal or Sales Order is for one customer: its Contact, when it has an Account, must be of that Account, and a
 * Sales Order's Deal, when it has an Account, too. A Contact or Deal with no Account fits any. That the records
 * exist is RecordInputCheck's part.
 */
export async function checkSameCustomer(crm: CrmStore, refs: CustomerRefs, tx?: StoreTransaction): Promise<void> {
  const { accountId, contactId, dealId } = refs;
  if (!accountId) return;
  if (contactId) {
    const [contact] = await crm.getMany("Contacts", [contactId], tx);
    if (contact?.accountId && contact.accountId !== accountId)
      throw new BadUserInputError(
        "contactId",
        `contactId: CRM Contact "${contactId}" belongs to Account "${contact.accountId}", not to Account "${accountId}"`,
        { contactAccountId: contact.accountId, accountId },
      );
  }
  if (dealId) {
    const [deal] = await crm.getMany("Deals", [dealId], tx);
    if (deal?.accountId && deal.accountId !== accountId)
      throw new BadUserInputError("dealId", `dealId: CRM Deal "${dealId}" belongs to Account "${deal.accountId}", not to Account "${accountId}"`, {
        dealAccountId: deal.accountId,
        accountId,
      });
  }
}
