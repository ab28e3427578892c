import { readFieldPath } from "../common/field-path";
import type { RecordBase } from "../common/record-base";
import type { ListCriteria, PageRequest } from "../common/record-store";
import { SystemName } from "../fields/field-definition.entity";
import type { ZohoRecordCodec } from "./zoho-record-codec";

/** One GET the vendor pages through: a module's list or its search, with its sort. */
export interface VendorQuery {
  path: string;
  params: Record<string, string>;
}

/** CRM search criteria take at most this many conditions. */
export const MAX_CRITERIA = 10;

/** Commas, brackets and backslashes inside a criteria value are escaped with a backslash. */
export function escapeCriteriaValue(value: string): string {
  return value.replace(/([(),\\])/g, "\\$1");
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === "";

/** Whether nothing needs checking on our side: every record the vendor lists is in. */
export function isUnfiltered(criteria: ListCriteria): boolean {
  return (
    !Object.keys(criteria.equals ?? {}).length && !criteria.textSearch?.text && !criteria.modifiedAfter && !criteria.modifiedBefore && !criteria.createdBefore
  );
}

/** The criteria as a test on a decoded record; the vendor's search narrows, this decides. */
export function matchesCriteria(criteria: ListCriteria, record: RecordBase): boolean {
  for (const [field, value] of Object.entries(criteria.equals ?? {})) {
    const actual = readFieldPath(record, field);
    if (value === null ? !isEmpty(actual) : String(actual) !== String(value)) return false;
  }
  const search = criteria.textSearch;
  if (search?.text) {
    const text = search.text.toLowerCase();
    if (
      !search.fields.some((field) =>
        String(readFieldPath(record, field) ?? "")
          .toLowerCase()
          .includes(text),
      )
    )
      return false;
  }
  if (criteria.modifiedAfter && !(record.modifiedTime > criteria.modifiedAfter)) return false;
  if (criteria.modifiedBefore && !(record.modifiedTime < criteria.modifiedBefore)) return false;
  if (criteria.createdBefore && !(record.createdTime <= criteria.createdBefore)) return false;
  return true;
}

/** Whether, walking in this order, every later record is out of the time window too (so the walk can stop). */
export function isPastWindow(criteria: ListCriteria, page: PageRequest, record: RecordBase): boolean {
  const orderBy = page.orderBy ?? "modifiedTime";
  if (page.direction === "ASC" && orderBy === "createdTime" && criteria.createdBefore) return record.createdTime > criteria.createdBefore;
  if (page.direction === "ASC" && orderBy === "modifiedTime" && criteria.modifiedBefore) return record.modifiedTime >= criteria.modifiedBefore;
  if (page.direction === "DESC" && orderBy === "modifiedTime" && criteria.modifiedAfter) return record.modifiedTime <= criteria.modifiedAfter;
  return false;
}

/**
 * The vendor request for a list: its search when an exact match can narrow it (CRM: all of them as
 * `(Field:equals:value)` criteria; FSM: one, its search takes a single field), else the plain list.
 * Sorted by Modified_Time or Created_Time; text search and time windows are checked on our side.
 */
export function listQuery(codec: ZohoRecordCodec, criteria: ListCriteria, page: PageRequest): VendorQuery {
  const sort = { sort_by: page.orderBy === "createdTime" ? "Created_Time" : "Modified_Time", sort_order: page.direction === "ASC" ? "asc" : "desc" };
  const module = codec.spec.vendorModule;
  const exact = Object.entries(criteria.equals ?? {})
    .filter(([, value]) => !isEmpty(value))
    .map(([field, value]) => ({ wire: codec.wirePathOfField(field), value: String(value) }))
    .filter((c): c is { wire: NonNullable<typeof c.wire>; value: string } => c.wire !== null && c.wire.path.length === 1);
  if (exact.length && codec.spec.system === SystemName.CRM) {
    const conditions = exact.slice(0, MAX_CRITERIA).map((c) => `(${c.wire.path[0]}:equals:${escapeCriteriaValue(c.value)})`);
    return { path: `/${module}/search`, params: { criteria: `(${conditions.join("and")})`, ...sort } };
  }
  if (exact.length) {
    return { path: `/${module}/search`, params: { api_name: exact[0].wire.path[0], value: escapeCriteriaValue(exact[0].value), comparator: "equal", ...sort } };
  }
  return { path: `/${module}`, params: { fields: codec.wireFieldNames().join(","), ...sort } };
}
