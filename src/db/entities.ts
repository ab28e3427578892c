import { CRM_ENTITIES } from "../crm/crm-records";
import { FSM_ENTITIES } from "../fsm/fsm-records";
import { SyncLink } from "../links/sync-link.entity";
import { ParentLink } from "../links/parent-link.entity";
import { FieldDefinition } from "../fields/field-definition.entity";
import { User } from "../access/user.entity";
import { ApiToken } from "../access/api-token.entity";

/** Every table: the embedded CRM and FSM stores, and the gateway's own records. */
export const ENTITIES = [
  ...Object.values(CRM_ENTITIES),
  ...Object.values(FSM_ENTITIES),
  SyncLink,
  ParentLink,
  FieldDefinition,
  User,
  ApiToken,
];
