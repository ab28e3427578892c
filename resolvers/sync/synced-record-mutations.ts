import { Account } from "../../src/crm/entities/account.entity";
import { CrmContact } from "../../src/crm/entities/crm-contact.entity";
import { Product } from "../../src/crm/entities/product.entity";
import { Company } from "../../src/fsm/entities/company.entity";
import { FsmContact } from "../../src/fsm/entities/fsm-contact.entity";
import { ServiceAndPart } from "../../src/fsm/entities/service-and-part.entity";
import { SyncedRecordMutations } from "../common/synced-record-mutations.resolver";
import { AccountInput, CrmContactInput, ProductInput } from "../crm/synced-crm-inputs";
import { CompanyInput, FsmContactInput, ServiceAndPartInput } from "../fsm/synced-fsm-inputs";

export const AccountMutations = SyncedRecordMutations({
  side: "CRM",
  module: "Accounts",
  type: Account,
  input: AccountInput,
  create: "createAccount",
  update: "updateAccount",
  delete: "deleteAccount",
});
export const CrmContactMutations = SyncedRecordMutations({
  side: "CRM",
  module: "Contacts",
  type: CrmContact,
  input: CrmContactInput,
  create: "createCrmContact",
  update: "updateCrmContact",
  delete: "deleteCrmContact",
});
export const ProductMutations = SyncedRecordMutations({
  side: "CRM",
  module: "Products",
  type: Product,
  input: ProductInput,
  create: "createProduct",
  update: "updateProduct",
  delete: "deleteProduct",
});
export const CompanyMutations = SyncedRecordMutations({
  side: "FSM",
  module: "Companies",
  type: Company,
  input: CompanyInput,
  create: "createCompany",
  update: "updateCompany",
  delete: "deleteCompany",
});
export const FsmContactMutations = SyncedRecordMutations({
  side: "FSM",
  module: "Contacts",
  type: FsmContact,
  input: FsmContactInput,
  create: "createFsmContact",
  update: "updateFsmContact",
  delete: "deleteFsmContact",
});
export const ServiceAndPartMutations = SyncedRecordMutations({
  side: "FSM",
  module: "Services_And_Parts",
  type: ServiceAndPart,
  input: ServiceAndPartInput,
  create: "createServiceAndPart",
  update: "updateServiceAndPart",
  delete: "deleteServiceAndPart",
});
