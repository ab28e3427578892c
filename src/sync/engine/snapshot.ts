import { readFieldPath } from "../../common/field-path";
import type { FieldDefinition } from "../../fields/field-definition.entity";

function hasPath(source: object, path: string): boolean {
  let value: unknown = source;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || !(key in value)) return false;
    value = (value as Record<string, unknown>)[key];
  }
  return value !== undefined;
}

/** The fields an edit set, by field path: what an outbox entry carries so that each edit syncs its own values. */
export function snapshotValues(fields: FieldDefinition[], source: object): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) if (hasPath(source, field.fieldName)) values[field.fieldName] = readFieldPath(source, field.fieldName);
  return values;
}
