import type { DataSource } from "typeorm";
import type { InputLimits } from "../config/config";
import { readFieldPath } from "../common/field-path";
import { textProblem } from "../common/text-input";
import { FieldDataType, type FieldDefinition } from "./field-definition.entity";
import type { ModuleFacts } from "../modules/module-facts";
import { dateProblem, dateTimeProblem, decimalProblem, integerProblem } from "./value-rules";

/** What a record's own column accepts, by the property path its input uses ("billingAddress.city"). */
export interface ColumnRule {
  path: string;
  check(value: unknown): string | null;
}

/** Columns the store sets itself, and customFields, which has rules of its own. */
const SYSTEM_COLUMNS = new Set(["id", "createdTime", "modifiedTime", "createdBy", "modifiedBy", "version", "customFields"]);

/**
 * The rules of a module's columns, from the entity's column metadata (lengths, numeric precision, types) and
 * the catalogue (which text fields are multi-line), and the registry (where the vendor is stricter than our column).
 */
export function columnRules(dataSource: DataSource, facts: ModuleFacts, definitions: FieldDefinition[], limits: InputLimits): ColumnRule[] {
  const multiLine = new Set(definitions.filter((d) => d.dataType === FieldDataType.TEXTAREA).map((d) => d.fieldName));
  return dataSource
    .getMetadata(facts.entity)
    .columns.filter((c) => !SYSTEM_COLUMNS.has(c.propertyPath))
    .map((column): ColumnRule => {
      const path = column.propertyPath;
      const type = typeof column.type === "string" ? column.type : "timestamp";
      if (type === "text") return { path, check: (v) => (typeof v === "string" ? textProblem(v, limits.maxStringLength, true) : null) };
      if (type === "varchar") {
        const max = Math.min(Number(column.length) || 255, facts.vendorMaxLength?.[path] ?? Number.POSITIVE_INFINITY);
        return { path, check: (v) => (typeof v === "string" ? textProblem(v, max, multiLine.has(path)) : null) };
      }
      if (type === "decimal") return { path, check: (v) => decimalProblem(v, column.precision ?? 14, column.scale ?? 2) };
      if (type === "integer") return { path, check: integerProblem };
      if (type === "date") return { path, check: dateProblem };
      if (type === "timestamp") return { path, check: dateTimeProblem };
      return { path, check: () => null };
    });
}

/** The first column whose given value breaks its rule, with what is wrong. */
export function firstColumnProblem(rules: ColumnRule[], input: object): { path: string; problem: string } | null {
  for (const rule of rules) {
    const value = readFieldPath(input, rule.path);
    if (value === null) continue;
    const problem = rule.check(value);
    if (problem) return { path: rule.path, problem };
  }
  return null;
}
