import type { Config } from "./config/config";
import type { Database } from "./db/database";
import type { Services } from "./services";
import { createEmbeddedCrmStore } from "./crm/crm-store";
import { createEmbeddedFsmStore } from "./fsm/fsm-store";
import { LinkStore } from "./links/link-store";
import { DeepLinks } from "./links/deep-links";
import { AccessService } from "./access/access-service";
import { FieldCatalogue } from "./fields/field-catalogue";

export function createServices(config: Config, db: Database): Services {
  return {
    config,
    db,
    crm: createEmbeddedCrmStore(db),
    fsm: createEmbeddedFsmStore(db),
    links: new LinkStore(db),
    access: new AccessService(db),
    fields: new FieldCatalogue(db),
    deepLinks: new DeepLinks(config.crmBaseUrl, config.fsmBaseUrl),
  };
}
