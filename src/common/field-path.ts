/** Reads a field by its path ("billingAddress.city", "customFields.Tier") from a record. */
export function readFieldPath(record: object, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split(".")) {
    if (value === null || value === undefined || typeof value !== "object") return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value === undefined ? null : value;
}

/** Writes a field by its path into a patch, creating nested objects as needed. */
export function writeFieldPath(patch: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let target = patch;
  for (const key of keys.slice(0, -1)) {
    if (!target[key] || typeof target[key] !== "object") target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]] = value;
}
