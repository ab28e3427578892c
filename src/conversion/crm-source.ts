import type { EntityManager } from "typeorm";
import type { CrmStore } from "../crm/crm-store";
import type { RecordBase } from "../common/record-base";
import { asAnyStore } from "../common/any-record-store";
import { NotFoundError } from "../errors/app-error";
import { ConversionSource } from "./conversion-pairs";

/** A CRM record FSM records are created from, with the Account, Contact and Product it stands for. */
export interface CrmSource {
  module: ConversionSource;
  record: RecordBase & Record<string, unknown>;
  accountId: string | null;
  contactId: string | null;
  productId: string | null;
}

const field = (record: Record<string, unknown>, name: string) => (record[name] as string | null | undefined) ?? null;

export async function loadCrmSource(crm: CrmStore, module: ConversionSource, id: string, manager?: EntityManager): Promise<CrmSource> {
  const [record] = await asAnyStore(crm).getMany(module, [id], manager);
  if (!record) throw new NotFoundError(`CRM ${module} record`, id);
  switch (module) {
    case ConversionSource.Accounts:
      return { module, record, accountId: record.id, contactId: null, productId: null };
    case ConversionSource.Contacts:
      return { module, record, accountId: field(record, "accountId"), contactId: record.id, productId: null };
    case ConversionSource.Products:
      return { module, record, accountId: null, contactId: null, productId: record.id };
    default:
      return { module, record, accountId: field(record, "accountId"), contactId: field(record, "contactId"), productId: null };
  }
}
