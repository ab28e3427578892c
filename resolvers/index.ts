import type { NonEmptyArray } from "type-graphql";
import * as account from "./crm/account.resolver";
import * as crmContact from "./crm/crm-contact.resolver";
import * as product from "./crm/product.resolver";
import * as deal from "./crm/deal.resolver";
import * as salesOrder from "./crm/sales-order.resolver";
import * as company from "./fsm/company.resolver";
import * as fsmContact from "./fsm/fsm-contact.resolver";
import * as serviceAndPart from "./fsm/service-and-part.resolver";
import * as request from "./fsm/request.resolver";
import * as estimate from "./fsm/estimate.resolver";
import * as workOrder from "./fsm/work-order.resolver";
import * as serviceAppointment from "./fsm/service-appointment.resolver";
import * as asset from "./fsm/asset.resolver";
import * as lineItem from "./fsm/line-item.resolver";
import * as syncedMutations from "./sync/synced-record-mutations";
import * as syncStatus from "./sync/record-sync-status.resolver";
import { SyncConfigurationResolver } from "./sync/sync-configuration.resolver";
import { SyncHistoryResolver, SyncRunFieldsResolver } from "./sync/sync-history.resolver";
import { SyncEventFieldsResolver, SyncEventsResolver } from "./sync/sync-events.resolver";
import { HeldDeletionsResolver } from "./sync/held-deletions.resolver";
import { TIMELINE_RESOLVERS } from "./fsm/timeline.resolver";
import { RECORD_AUTHORS_RESOLVERS } from "./common/record-authors.resolver";
import { ViewerResolver } from "./common/viewer.resolver";
import { CreateFromCrmResolver } from "./conversion/create-from-crm.resolver";
import { ParentLinkResolver } from "./conversion/parent-link.resolver";
import { FsmConversionsResolver } from "./conversion/fsm-conversions.resolver";
import { DealMutationsResolver } from "./crm/deal-mutations.resolver";
import { SalesOrderMutationsResolver } from "./crm/sales-order-mutations.resolver";
import { FsmRecordEditsResolver } from "./fsm/fsm-record-edits.resolver";
import { FsmWorkflowResolver } from "./fsm/fsm-workflow.resolver";
import { CrmFromFsmResolver } from "./conversion/crm-from-fsm.resolver";
import { ConversionMappingResolver } from "./conversion/conversion-mapping.resolver";
import { OrgSettingsResolver } from "./admin/org-settings.resolver";
import { OrgSyncStatusResolver } from "./admin/org-sync-status.resolver";
import { InitialSyncResolver } from "./sync/initial-sync.resolver";
import { CrmViewResolver } from "./admin/crm-view.resolver";
import { FieldCatalogueResolver } from "./admin/field-catalogue.resolver";
import { MailboxResolver } from "./admin/mailbox.resolver";
import { UsersResolver } from "./admin/users.resolver";

const modules = [
  account,
  crmContact,
  product,
  deal,
  salesOrder,
  company,
  fsmContact,
  serviceAndPart,
  request,
  estimate,
  workOrder,
  serviceAppointment,
  asset,
  lineItem,
  syncedMutations,
  syncStatus,
];

/** Every resolver class of the schema: each resolver file exports only resolver classes. */
const resolvers: Function[] = [
  ...modules.flatMap((exports): Function[] => Object.values<Function>(exports)),
  ...TIMELINE_RESOLVERS,
  ...RECORD_AUTHORS_RESOLVERS,
  ViewerResolver,
  FieldCatalogueResolver,
  SyncConfigurationResolver,
  CreateFromCrmResolver,
  ParentLinkResolver,
  FsmConversionsResolver,
  FsmRecordEditsResolver,
  FsmWorkflowResolver,
  CrmFromFsmResolver,
  DealMutationsResolver,
  SalesOrderMutationsResolver,
  ConversionMappingResolver,
  OrgSettingsResolver,
  OrgSyncStatusResolver,
  InitialSyncResolver,
  CrmViewResolver,
  MailboxResolver,
  UsersResolver,
  SyncHistoryResolver,
  SyncRunFieldsResolver,
  SyncEventsResolver,
  SyncEventFieldsResolver,
  HeldDeletionsResolver,
];

/** type-graphql wants the list typed non-empty. */
function nonEmpty<T>([first, ...rest]: T[]): NonEmptyArray<T> {
  if (first === undefined) throw new Error("No resolvers");
  return [first, ...rest];
}

export const RESOLVERS = nonEmpty(resolvers);
