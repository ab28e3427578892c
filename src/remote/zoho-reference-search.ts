import { chunk } from "../common/chunk";
import { SystemName } from "../fields/field-definition.entity";
import { MAX_CRITERIA, escapeCriteriaValue, type VendorQuery } from "./zoho-list-query";

/**
 * The searches that find records whose `wireField` equals one of `values`: the CRM takes up to 10 values a
 * search (`or` criteria); the FSM's search takes one value, so one search per value.
 */
export function referenceSearches(system: SystemName, vendorModule: string, wireField: string, values: readonly string[]): VendorQuery[] {
  const path = `/${vendorModule}/search`;
  if (system === SystemName.CRM) {
    return chunk([...values], MAX_CRITERIA).map((part) => ({
      path,
      params: { criteria: `(${part.map((v) => `(${wireField}:equals:${escapeCriteriaValue(v)})`).join("or")})` },
    }));
  }
  return values.map((v) => ({ path, params: { api_name: wireField, value: escapeCriteriaValue(v), comparator: "equal" } }));
}
