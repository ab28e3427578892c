import type { Router } from "express";
import { SystemName } from "../../../src/fields/field-definition.entity";
import type { ZohoRow } from "../../../src/remote/zoho-record-codec";
import { CriteriaSyntaxError, compareWire, matchesCriteria, parseCriteria } from "./crm-criteria";
import type { EmulatorContext } from "./emulator-context";
import { createRecordsApi } from "./records-api";

const MAX_CRITERIA = 10;

function countConditions(criteria: ReturnType<typeof parseCriteria>): number {
  return criteria.kind === "condition" ? 1 : criteria.parts.reduce((sum, part) => sum + countConditions(part), 0);
}

/** Zoho CRM v8 records (`/crm/v8/{Module}`): `fields` mandatory on lists; search by criteria (≤10), email, phone or word. */
export function createCrmRecordsApi(context: EmulatorContext): Router {
  return createRecordsApi(context, {
    system: SystemName.CRM,
    requiresFields: true,
    searchFilter(query) {
      if (typeof query.criteria === "string") {
        try {
          const criteria = parseCriteria(query.criteria);
          if (countConditions(criteria) > MAX_CRITERIA) return { error: `at most ${MAX_CRITERIA} criteria` };
          return (row: ZohoRow) => matchesCriteria(criteria, row);
        } catch (error) {
          if (error instanceof CriteriaSyntaxError) return { error: `invalid criteria: ${error.message}` };
          throw error;
        }
      }
      if (typeof query.email === "string") return (row: ZohoRow) => compareWire(row.Email, "equals", String(query.email));
      if (typeof query.phone === "string") return (row: ZohoRow) => compareWire(row.Phone, "equals", String(query.phone));
      if (typeof query.word === "string") {
        const word = String(query.word).toLowerCase();
        return (row: ZohoRow) => Object.values(row).some((value) => typeof value === "string" && value.toLowerCase().includes(word));
      }
      return { error: "one of criteria, email, phone or word is required" };
    },
  });
}
