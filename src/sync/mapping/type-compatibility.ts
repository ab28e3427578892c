import { FieldDataType as T } from "../../fields/field-definition.entity";

/**
 * Which field types a mapping may join (docs/sync.md "Field mapping compatibility"). Symmetric, since a mapping
 * carries values both ways. Plain text holds any text-like value; a typed text (Email, Phone, URL, Picklist)
 * maps to itself or to plain text, never to another typed text (a phone number is no e-mail address). Numbers
 * map among themselves (the receiving system rounds); Boolean, Date and Date-Time only to themselves. Lookups
 * are not in the table: they map only between modules that sync with each other (mapping-validation.ts).
 */
export const COMPATIBLE_TYPES: Readonly<Record<T, readonly T[]>> = {
  [T.TEXT]: [T.TEXT, T.TEXTAREA, T.EMAIL, T.PHONE, T.URL, T.PICKLIST],
  [T.TEXTAREA]: [T.TEXT, T.TEXTAREA, T.EMAIL, T.PHONE, T.URL, T.PICKLIST],
  [T.EMAIL]: [T.TEXT, T.TEXTAREA, T.EMAIL],
  [T.PHONE]: [T.TEXT, T.TEXTAREA, T.PHONE],
  [T.URL]: [T.TEXT, T.TEXTAREA, T.URL],
  [T.PICKLIST]: [T.TEXT, T.TEXTAREA, T.PICKLIST],
  [T.INTEGER]: [T.INTEGER, T.DECIMAL, T.CURRENCY],
  [T.DECIMAL]: [T.INTEGER, T.DECIMAL, T.CURRENCY],
  [T.CURRENCY]: [T.INTEGER, T.DECIMAL, T.CURRENCY],
  [T.BOOLEAN]: [T.BOOLEAN],
  [T.DATE]: [T.DATE],
  [T.DATETIME]: [T.DATETIME],
  [T.LOOKUP]: [],
};

/** Whether a CRM field of type `crm` may map to an FSM field of type `fsm`. */
export function typesCompatible(crm: T, fsm: T): boolean {
  return COMPATIBLE_TYPES[crm].includes(fsm);
}
