import type { Config } from "./config/config";
import type { Database } from "./db/database";
import type { CrmStore } from "./crm/crm-store";
import type { FsmStore } from "./fsm/fsm-store";
import type { LinkStore } from "./links/link-store";
import type { AccessService } from "./access/access-service";
import type { FieldCatalogue } from "./fields/field-catalogue";
import type { DeepLinks } from "./links/deep-links";

/** Everything a request can call; built once per process, shared by all requests. */
export interface Services {
  config: Config;
  db: Database;
  crm: CrmStore;
  fsm: FsmStore;
  links: LinkStore;
  access: AccessService;
  fields: FieldCatalogue;
  deepLinks: DeepLinks;
}
