import type { Router } from "express";
import { SystemName } from "../../../src/fields/field-definition.entity";
import type { ZohoRow } from "../../../src/remote/zoho-record-codec";
import { CriteriaSyntaxError, compareWire } from "./crm-criteria";
import type { EmulatorContext } from "./emulator-context";
import { createRecordsApi } from "./records-api";

const unescape = (value: string) => value.replace(/\\(.)/g, "$1");

/** Zoho FSM v1 records (`/fsm/v1/{Module}`): search by one field, `api_name`, `value`, `comparator` (contains by default). */
export function createFsmRecordsApi(context: EmulatorContext): Router {
  return createRecordsApi(context, {
    system: SystemName.FSM,
    requiresFields: false,
    searchFilter(query) {
      if (typeof query.api_name !== "string" || typeof query.value !== "string") return { error: "api_name and value are required" };
      const field = query.api_name;
      const value = unescape(query.value);
      const comparator = typeof query.comparator === "string" ? query.comparator : "contains";
      try {
        compareWire("", comparator, value);
      } catch (error) {
        if (error instanceof CriteriaSyntaxError) return { error: `comparator ${comparator} is not supported` };
        throw error;
      }
      return (row: ZohoRow) => compareWire(row[field], comparator, value);
    },
  });
}
