import { CRM_ENTITIES, FSM_ENTITIES } from "../modules/module-registry";
import { SyncLink } from "../links/sync-link.entity";
import { ParentLink } from "../links/parent-link.entity";
import { FieldDefinition } from "../fields/field-definition.entity";
import { User } from "../access/user.entity";
import { ApiToken } from "../access/api-token.entity";
import { SyncSettings } from "../sync/settings/sync-settings.entity";
import { SettingsChange } from "../sync/settings/settings-change.entity";
import { FieldMapping } from "../sync/mapping/field-mapping.entity";
import { PersonalDataSetting } from "../sync/privacy/personal-data-setting.entity";
import { OutboxEntry } from "../sync/outbox/outbox-entry.entity";
import { SyncRun } from "../sync/history/sync-run.entity";
import { SyncEvent } from "../sync/history/sync-event.entity";
import { TimelineEntry } from "../timeline/timeline-entry.entity";
import { ConversionMapping } from "../conversion/conversion-mapping.entity";
import { IdempotencyKey } from "../conversion/idempotency-key.entity";
import { OrgSettings } from "../org/org-settings.entity";
import { HeldDeletion } from "../sync/outbox/held-deletion.entity";
import { MailMessage } from "../notifications/mail-message.entity";
import { CrmView } from "../crm/views/crm-view.entity";
import { InitialSyncJob } from "../sync/initial/initial-sync-job.entity";
import { RecordAuthor } from "../remote/authorship/record-author.entity";

/** Every table: the embedded CRM and FSM stores, and the gateway's own records. */
export const ENTITIES = [
  ...Object.values(CRM_ENTITIES),
  ...Object.values(FSM_ENTITIES),
  SyncLink,
  ParentLink,
  FieldDefinition,
  User,
  ApiToken,
  SyncSettings,
  SettingsChange,
  FieldMapping,
  PersonalDataSetting,
  OutboxEntry,
  SyncRun,
  SyncEvent,
  TimelineEntry,
  ConversionMapping,
  IdempotencyKey,
  OrgSettings,
  HeldDeletion,
  MailMessage,
  CrmView,
  InitialSyncJob,
  RecordAuthor,
];
