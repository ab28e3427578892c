import { BadUserInputError } from "../../errors/app-error";
import { FieldDataType as T, type FieldDefinition } from "../../fields/field-definition.entity";
import { COUNTERPART } from "../../modules/module-registry";
import type { MappingSpec } from "./default-mappings";
import { textProblem } from "../../common/text-input";
import { typesCompatible } from "./type-compatibility";

/** Lookups map only between modules that sync with each other (Account ↔ Company, Contact ↔ Contact, …). */
function lookupsPair(crm: FieldDefinition, fsm: FieldDefinition): boolean {
  const counterpart = COUNTERPART[crm.lookupModule as keyof typeof COUNTERPART];
  return Boolean(counterpart && counterpart.fsmModule === fsm.lookupModule);
}

function checkPicklists(spec: MappingSpec, crm: FieldDefinition, fsm: FieldDefinition, at: string): void {
  if (crm.dataType !== T.PICKLIST || fsm.dataType !== T.PICKLIST) return;
  const toFsm = (v: string) => spec.valueMap?.[v] ?? v;
  const missing = (crm.picklistValues ?? []).map(toFsm).filter((v) => !(fsm.picklistValues ?? []).includes(v));
  if (missing.length)
    throw new BadUserInputError(`${at}.valueMap`, `${at}.valueMap: CRM ${crm.apiName} values have no FSM ${fsm.apiName} value: ${missing.join(", ")}`);
  if (spec.fsmDefault && !(fsm.picklistValues ?? []).includes(spec.fsmDefault)) {
    throw new BadUserInputError(`${at}.fsmDefault`, `${at}.fsmDefault: "${spec.fsmDefault}" is not a value of FSM ${fsm.apiName}`);
  }
}

/** A picklist translation holds at most this many values (a picklist of the vendors' has at most a few hundred). */
const MAX_VALUE_MAP_ENTRIES = 500;
const MAX_PICKLIST_VALUE_LENGTH = 255;

/** A translation is picklist value → picklist value: strings of one line, bounded, not an arbitrary JSON object. */
function checkValueMap(spec: MappingSpec, at: string): void {
  if (spec.valueMap === null || spec.valueMap === undefined) return;
  const field = `${at}.valueMap`;
  const entries = Object.entries(spec.valueMap as Record<string, unknown>);
  if (entries.length > MAX_VALUE_MAP_ENTRIES) throw new BadUserInputError(field, `${field}: at most ${MAX_VALUE_MAP_ENTRIES} values`);
  for (const [from, to] of entries) {
    if (typeof to !== "string") throw new BadUserInputError(field, `${field}: "${from.slice(0, 50)}" must map to a text value`);
    const problem = textProblem(from, MAX_PICKLIST_VALUE_LENGTH, false) ?? textProblem(to, MAX_PICKLIST_VALUE_LENGTH, false);
    if (problem) throw new BadUserInputError(field, `${field}: each value ${problem}`);
  }
}

/** A CRM field's values fit in the FSM field and back, by the compatibility matrix (type-compatibility.ts). */
export function assertCompatibleTypes(crm: FieldDefinition, fsm: FieldDefinition, at: string): void {
  if (!typesCompatible(crm.dataType, fsm.dataType)) {
    throw new BadUserInputError(`${at}.fsmField`, `${at}.fsmField: ${fsm.apiName} (${fsm.dataType}) cannot hold CRM ${crm.apiName} (${crm.dataType})`);
  }
}

/**
 * Refuses a mapping set that could not sync: unknown fields, a field used twice, incompatible types,
 * picklist values without a counterpart, or a mandatory field of either side left unmapped.
 */
export function validateMappings(specs: MappingSpec[], crmFields: FieldDefinition[], fsmFields: FieldDefinition[]): void {
  const crmByName = new Map(crmFields.map((f) => [f.apiName, f]));
  const fsmByName = new Map(fsmFields.map((f) => [f.apiName, f]));
  const usedCrm = new Set<string>();
  const usedFsm = new Set<string>();
  specs.forEach((spec, index) => {
    const at = `mappings[${index}]`;
    const crm = crmByName.get(spec.crmField);
    const fsm = fsmByName.get(spec.fsmField);
    if (!crm) throw new BadUserInputError(`${at}.crmField`, `${at}.crmField: "${spec.crmField}" is not a field of the CRM module`);
    if (!fsm) throw new BadUserInputError(`${at}.fsmField`, `${at}.fsmField: "${spec.fsmField}" is not a field of the FSM module`);
    if (usedCrm.has(crm.apiName)) throw new BadUserInputError(`${at}.crmField`, `${at}.crmField: ${crm.apiName} is mapped twice`);
    if (usedFsm.has(fsm.apiName)) throw new BadUserInputError(`${at}.fsmField`, `${at}.fsmField: ${fsm.apiName} is mapped twice`);
    usedCrm.add(crm.apiName);
    usedFsm.add(fsm.apiName);
    const bothLookups = crm.dataType === T.LOOKUP && fsm.dataType === T.LOOKUP;
    if (!bothLookups || !lookupsPair(crm, fsm)) assertCompatibleTypes(crm, fsm, at);
    checkValueMap(spec, at);
    checkPicklists(spec, crm, fsm, at);
  });
  const unmapped = [
    ...crmFields.filter((f) => f.mandatory && !usedCrm.has(f.apiName)).map((f) => `CRM ${f.apiName}`),
    ...fsmFields.filter((f) => f.mandatory && !usedFsm.has(f.apiName)).map((f) => `FSM ${f.apiName}`),
  ];
  if (unmapped.length) throw new BadUserInputError("mappings", `mappings: mandatory fields must be mapped: ${unmapped.join(", ")}`);
}
