import type { Database } from "../../db/database";
import type { CrmStore } from "../crm-store";
import type { LinkStore } from "../../links/link-store";
import type { FieldCatalogue } from "../../fields/field-catalogue";
import type { RecordInputCheck } from "../../fields/record-input-check";

/** What a CRM write from the CRM side uses (Deals and Sales Orders alike). */
export interface CrmWriteDeps {
  db: Database;
  crm: CrmStore;
  links: Pick<LinkStore, "parentLinksByParentIds">;
  inputs: RecordInputCheck;
  catalogue: Pick<FieldCatalogue, "definitionsOf">;
}
