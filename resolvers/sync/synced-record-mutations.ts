import { Account } from "../../src/crm/entities/account.entity";
import { CrmContact } from "../../src/crm/entities/crm-contact.entity";
import { Product } from "../../src/crm/entities/product.entity";
import { Company } from "../../src/fsm/entities/company.entity";
import { FsmContact } from "../../src/fsm/entities/fsm-contact.entity";
import { ServiceAndPart } from "../../src/fsm/entities/service-and-part.entity";
import { SyncedRecordMutations } from "../common/synced-record-mutations.resolver";
import { AccountInput, CrmContactInput, ProductInput } from "../crm/synced-crm-inputs";
import { CompanyInput, FsmContactInput, ServiceAndPartInput } from "../fsm/synced-fsm-inputs";

export const AccountMutations = SyncedRecordMutations({ side: "CRM", module: "Accounts", type: Account, input: AccountInput, name: "Account" });
export const CrmContactMutations = SyncedRecordMutations({ side: "CRM", module: "Contacts", type: CrmContact, input: CrmContactInput, name: "CrmContact" });
export const ProductMutations = SyncedRecordMutations({ side: "CRM", module: "Products", type: Product, input: ProductInput, name: "Product" });
export const CompanyMutations = SyncedRecordMutations({ side: "FSM", module: "Companies", type: Company, input: CompanyInput, name: "Company" });
export const FsmContactMutations = SyncedRecordMutations({ side: "FSM", module: "Contacts", type: FsmContact, input: FsmContactInput, name: "FsmContact" });
export const ServiceAndPartMutations = SyncedRecordMutations({ side: "FSM", module: "Services_And_Parts", type: ServiceAndPart, input: ServiceAndPartInput, name: "ServiceAndPart" });
