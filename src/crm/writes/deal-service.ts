import type { CrmWriteDeps } from "./crm-write-deps";
import type { Actor } from "../../common/record-store";
import type { CrmRecords } from "../../modules/module-registry";
import { SystemName } from "../../fields/field-definition.entity";
import { NotFoundError } from "../../errors/app-error";
import { checkExpectedVersion } from "../../common/expected-version";
import { checkPicklistValue } from "./picklist-check";
import { checkSameCustomer } from "./customer-check";
import { refuseParentOfFsmRecords } from "./fsm-children-guard";
import { exactMoney } from "./exact-money";

type Deal = CrmRecords["Deals"];

export interface DealFields {
  dealName?: string;
  stage?: string | null;
  amount?: number | null;
  closingDate?: string | null;
  accountId?: string | null;
  contactId?: string | null;
}

/** CRM Deals written from the CRM side, as a CRM user would: no FSM permission is involved. */
export class DealService {
  constructor(private readonly deps: CrmWriteDeps) {}

  async create(input: DealFields & { dealName: string }, actor: Actor): Promise<Deal> {
    const values = await this.checked(input);
    await checkSameCustomer(this.deps.crm, values);
    return this.deps.crm.create("Deals", values, actor);
  }

  /** Partial: absent fields stay; null clears. */
  async update(id: string, expectedVersion: number, patch: DealFields, actor: Actor): Promise<Deal> {
    const values = await this.checked(patch);
    return this.deps.db.transaction(async (tx) => {
      const [current] = await this.deps.crm.getMany("Deals", [id], tx, { forUpdate: true });
      if (!current) throw new NotFoundError("CRM Deal", id);
      checkExpectedVersion(current, expectedVersion, "CRM Deal");
      await checkSameCustomer(this.deps.crm, { accountId: current.accountId, contactId: current.contactId, ...values }, tx);
      return this.deps.crm.update("Deals", id, values, actor, tx, current);
    });
  }

  async delete(id: string, expectedVersion: number | null): Promise<string> {
    const [current] = await this.deps.crm.getMany("Deals", [id]);
    if (!current) throw new NotFoundError("CRM Deal", id);
    if (expectedVersion !== null) checkExpectedVersion(current, expectedVersion, "CRM Deal");
    await refuseParentOfFsmRecords(this.deps.links, "Deals", id, "CRM Deal");
    if (!(await this.deps.crm.delete("Deals", id))) throw new NotFoundError("CRM Deal", id);
    return id;
  }

  private async checked<T extends DealFields>(input: T): Promise<T> {
    const values = input.amount === undefined ? input : { ...input, amount: exactMoney(input.amount, "amount") };
    await this.deps.inputs.check(SystemName.CRM, "Deals", values);
    await checkPicklistValue(this.deps.catalogue, "Deals", "stage", values.stage);
    return values;
  }
}
