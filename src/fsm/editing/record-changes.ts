/** Values compared as users see them: dates as instants, everything else as its JSON spelling. */
function comparable(value: unknown): string {
  return value instanceof Date ? value.toISOString() : JSON.stringify(value ?? null);
}

/** The fields of `patch` whose value differs from the record's. */
export function changedFields(current: object, patch: object): string[] {
  const before = current as Record<string, unknown>;
  return Object.entries(patch)
    .filter(([field, value]) => value !== undefined && comparable(before[field]) !== comparable(value))
    .map(([field]) => field);
}

/** A timeline line: who changed which fields, and a status change spelled out. */
export function describeEdit(userId: string, current: Record<string, unknown>, fields: readonly string[], status?: string): string {
  const moves = status !== undefined && fields.includes("status") ? `; status "${String(current.status)}" → "${status}"` : "";
  return `Updated by ${userId}: ${fields.join(", ")}${moves}`;
}
