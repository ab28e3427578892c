import type { FieldMapping } from "../mapping/field-mapping.entity";

export const isEmptyValue = (value: unknown) => value === null || value === undefined || value === "";

/** A CRM value as the FSM field holds it: picklist translation (Goods → Part) and the FSM default for empty. */
export function toFsmValue(mapping: FieldMapping, value: unknown): unknown {
  if (isEmptyValue(value)) return mapping.fsmDefault ?? null;
  return mapping.valueMap?.[String(value)] ?? value;
}

/** An FSM value as the CRM field holds it: the picklist translation read backwards (Part → Goods). */
export function toCrmValue(mapping: FieldMapping, value: unknown): unknown {
  if (isEmptyValue(value)) return null;
  const entry = Object.entries(mapping.valueMap ?? {}).find(([, fsmValue]) => fsmValue === value);
  return entry ? entry[0] : value;
}

/** Equal as the two systems would see it: empty is empty, 120 is "120.00", dates by instant. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isEmptyValue(a) || isEmptyValue(b)) return isEmptyValue(a) && isEmptyValue(b);
  if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b);
  if (a instanceof Date || b instanceof Date) return new Date(a as string).getTime() === new Date(b as string).getTime();
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
