import type { InputLimits } from "../config/config";
import { BadUserInputError } from "../errors/app-error";
import { textProblem } from "../common/text-input";
import { CUSTOM_FIELD_API_NAME } from "./field-catalogue";
import { FieldDataType, type FieldDefinition } from "./field-definition.entity";
import { dateProblem, dateTimeProblem, decimalProblem, integerProblem } from "./value-rules";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SINGLE_LINE_MAX = 255;
const PHONE_MAX = 50;
const LOOKUP_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

function refuse(message: string, field = "customFields"): never {
  throw new BadUserInputError(field, `${field}: ${message}`);
}

/**
 * Bounds the shape before anything reads it: keys at every level and nesting depth, walked without recursion and
 * stopped at the first excess, so 60,000 keys or 20,000 levels cost little and overflow nothing.
 */
function checkShape(customFields: object, limits: InputLimits): void {
  const stack: [object, number][] = [[customFields, 1]];
  let keys = 0;
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [object, depth] = entry;
    if (depth > limits.customFieldsMaxDepth) refuse(`nested more than ${limits.customFieldsMaxDepth} level(s) deep`);
    for (const value of Object.values(object)) {
      keys += 1;
      if (keys > limits.customFieldsMaxKeys) refuse(`at most ${limits.customFieldsMaxKeys} keys`);
      if (value !== null && typeof value === "object") stack.push([value as object, depth + 1]);
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(customFields), "utf8");
  if (bytes > limits.customFieldsMaxBytes) refuse(`at most ${limits.customFieldsMaxBytes} bytes as JSON (got ${bytes})`);
}

function textValue(value: unknown, max: number, multiLine: boolean): string | null {
  return typeof value === "string" ? textProblem(value, max, multiLine) : "must be text";
}

/** What is wrong with a value for a custom field of this type, or null. */
export function customValueProblem(field: FieldDefinition, value: unknown, limits: InputLimits): string | null {
  switch (field.dataType) {
    case FieldDataType.TEXTAREA:
      return textValue(value, limits.maxStringLength, true);
    case FieldDataType.PHONE:
      return textValue(value, PHONE_MAX, false);
    case FieldDataType.EMAIL:
      return textValue(value, SINGLE_LINE_MAX, false) ?? (EMAIL.test(value as string) ? null : "must be an e-mail address");
    case FieldDataType.PICKLIST:
      return (
        textValue(value, SINGLE_LINE_MAX, false) ??
        (field.picklistValues && !field.picklistValues.includes(value as string) ? `must be one of ${field.picklistValues.join(", ")}` : null)
      );
    case FieldDataType.LOOKUP:
      return typeof value === "string" && LOOKUP_ID.test(value) ? null : "must be a record id";
    case FieldDataType.INTEGER:
      return integerProblem(value);
    case FieldDataType.DECIMAL:
      return decimalProblem(value, 16, 4);
    case FieldDataType.CURRENCY:
      return decimalProblem(value, 14, 2);
    case FieldDataType.BOOLEAN:
      return typeof value === "boolean" ? null : "must be true or false";
    case FieldDataType.DATE:
      return dateProblem(value);
    case FieldDataType.DATETIME:
      return dateTimeProblem(value);
    default:
      return textValue(value, SINGLE_LINE_MAX, false); // TEXT, URL
  }
}

/**
 * A record's customFields as a user writes them: bounded in size, keys and depth; every key a custom field the
 * catalogue defines for the module; every value of that field's type (null clears it).
 */
export function checkCustomFields(customFields: unknown, module: string, definitions: FieldDefinition[], limits: InputLimits): void {
  if (customFields === null || customFields === undefined) return;
  if (typeof customFields !== "object" || Array.isArray(customFields)) refuse("an object of values by custom field API name");
  checkShape(customFields, limits);
  const custom = new Map(definitions.filter((d) => d.isCustom).map((d) => [d.apiName, d]));
  for (const [key, value] of Object.entries(customFields)) {
    if (!CUSTOM_FIELD_API_NAME.test(key)) refuse("keys are custom field API names (letters, digits and _)");
    const field = custom.get(key);
    if (!field) refuse(`${module} has no custom field "${key}" (define it first: defineCustomField)`, `customFields.${key}`);
    const problem = value === null ? null : customValueProblem(field, value, limits);
    if (problem) refuse(`${field.label} (${field.dataType}) ${problem}`, `customFields.${key}`);
  }
}
