import type { Database } from "../../db/database";
import type { CrmStore } from "../../crm/crm-store";
import type { FsmStore } from "../../fsm/fsm-store";
import type { LinkStore } from "../../links/link-store";
import type { SyncSettingsService } from "../settings/sync-settings-service";
import type { FieldMappingService } from "../mapping/field-mapping-service";
import type { Outbox } from "../outbox/outbox";
import type { SyncHistory } from "../history/sync-history";
import type { Timeline } from "../../timeline/timeline";
import type { OrgSettingsService } from "../../org/org-settings-service";
import type { CrmViews } from "../../crm/views/crm-views";

/** What the sync engine works with. */
export interface SyncDeps {
  db: Database;
  crm: CrmStore;
  fsm: FsmStore;
  links: LinkStore;
  settings: SyncSettingsService;
  mappings: FieldMappingService;
  outbox: Outbox;
  history: SyncHistory;
  timeline: Timeline;
  org: OrgSettingsService;
  views: CrmViews;
}
