import { writeFieldPath } from "../common/field-path";
import type { RecordBase } from "../common/record-base";
import type { AnyRecord } from "../common/any-record-store";
import { FieldDataType, SystemName, type FieldDefinition } from "../fields/field-definition.entity";
import type { ZohoModuleSpec } from "./zoho-modules";

/** A record as the vendor's JSON carries it: API names, lookups as {id, name}, FSM addresses as objects. */
export type ZohoRow = Record<string, unknown>;

/** Where field definitions come from (the field catalogue: standard and admin-defined fields). */
export interface FieldSource {
  definitionsOf(system: SystemName, module: string): Promise<FieldDefinition[]>;
}

const SYSTEM_KEYS = new Set(["id", "Created_Time", "Modified_Time", "Created_By", "Modified_By"]);
/** The FSM nests a record's addresses; our fields are serviceAddress.city and the like. */
const FSM_ADDRESS_OBJECTS: Record<string, string> = { serviceAddress: "Service_Address", billingAddress: "Billing_Address", address: "Service_Address" };
const FSM_ADDRESS_KEYS: Record<string, string> = { street: "Street_1", city: "City", state: "State", code: "Zip_Code", country: "Country" };
const NUMERIC = new Set([FieldDataType.INTEGER, FieldDataType.DECIMAL, FieldDataType.CURRENCY]);

/** The wire path of a field: ["Account_Name"], or ["Service_Address", "City"] for an FSM address part. */
export function wirePathOf(spec: ZohoModuleSpec, def: FieldDefinition): string[] {
  if (def.isCustom) return [def.apiName];
  const [head, part] = def.fieldName.split(".");
  if (spec.system === SystemName.FSM && part && FSM_ADDRESS_OBJECTS[head]) return [FSM_ADDRESS_OBJECTS[head], FSM_ADDRESS_KEYS[part]];
  return [spec.renames?.[def.apiName] ?? def.apiName];
}

/** The value at a path, or undefined when the object does not have it (a patch leaves the field alone). */
function presentAt(source: unknown, path: string[]): unknown {
  let value = source;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !(key in value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function setAt(target: ZohoRow, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== "object") node[key] = {};
    node = node[key] as ZohoRow;
  }
  node[path[path.length - 1]] = value;
}

function toWire(def: FieldDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (def.dataType === FieldDataType.LOOKUP) return value === "" ? null : { id: String(value) };
  if (value instanceof Date) return value.toISOString();
  return value;
}

function fromWire(def: FieldDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (def.dataType === FieldDataType.LOOKUP) return typeof value === "object" ? String((value as { id?: unknown }).id ?? "") || null : String(value);
  if (def.dataType === FieldDataType.DATETIME) return new Date(String(value));
  if (NUMERIC.has(def.dataType)) return value === "" ? null : Number(value);
  return value;
}

/** Our field values ⇄ the vendor's JSON for one module, driven by the field catalogue. */
export class ZohoRecordCodec {
  constructor(
    readonly spec: ZohoModuleSpec,
    readonly defs: FieldDefinition[],
  ) {}

  /** The fields a list must ask for (CRM: `fields` is mandatory): top-level wire names. */
  wireFieldNames(): string[] {
    const names = new Set([
      ...this.defs.map((def) => wirePathOf(this.spec, def)[0]),
      ...Object.keys(this.spec.extraFields ?? {}),
      ...(this.spec.subformFields ?? []),
    ]);
    return [...names, "Created_Time", "Modified_Time", "Created_By", "Modified_By"];
  }

  /** The wire path of one of our fields (for search criteria), or null if no definition has it. */
  wirePathOfField(fieldName: string): { path: string[]; def: FieldDefinition } | null {
    const def = this.defs.find((d) => d.fieldName === fieldName);
    return def ? { path: wirePathOf(this.spec, def), def } : null;
  }

  /** Values given (a create's input, an update's patch) as wire JSON; fields not given stay out. */
  encode(values: object): ZohoRow {
    const row: ZohoRow = {};
    for (const def of this.defs) {
      const value = presentAt(values, def.fieldName.split("."));
      if (value !== undefined) setAt(row, wirePathOf(this.spec, def), toWire(def, value));
    }
    for (const [wire, field] of Object.entries(this.spec.extraFields ?? {})) {
      const value = presentAt(values, [field]);
      if (value !== undefined) row[wire] = value;
    }
    const custom = (values as { customFields?: Record<string, unknown> | null }).customFields;
    for (const [key, value] of Object.entries(custom ?? {})) if (!(key in row)) row[key] = value;
    return row;
  }

  /** A whole record as the vendor answers it. */
  encodeRecord(record: RecordBase & { version?: number }): ZohoRow {
    const custom = Object.fromEntries(Object.entries(record.customFields ?? {}).filter(([, v]) => v !== null && v !== undefined));
    return {
      id: record.id,
      ...this.encode({ ...record, customFields: custom }),
      Created_Time: record.createdTime.toISOString(),
      Modified_Time: record.modifiedTime.toISOString(),
      Created_By: record.createdBy ? { id: record.createdBy, name: record.createdBy } : null,
      Modified_By: record.modifiedBy ? { id: record.modifiedBy, name: record.modifiedBy } : null,
      $version: record.version,
    };
  }

  /** Wire JSON (a write's row) as our field values; fields not in the JSON stay out. Unknown keys are custom fields. */
  decode(row: ZohoRow): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    const known = new Set<string>(this.spec.subformFields ?? []);
    for (const def of this.defs) {
      const path = wirePathOf(this.spec, def);
      known.add(path[0]);
      const value = presentAt(row, path);
      if (value !== undefined) writeFieldPath(values, def.fieldName, fromWire(def, value));
    }
    for (const [wire, field] of Object.entries(this.spec.extraFields ?? {})) {
      known.add(wire);
      if (row[wire] !== undefined) values[field] = row[wire];
    }
    for (const [key, value] of Object.entries(row)) {
      if (known.has(key) || SYSTEM_KEYS.has(key) || key.startsWith("$")) continue;
      writeFieldPath(values, `customFields.${key}`, value);
    }
    return values;
  }

  /** A whole record from the vendor's answer: every field present (null when the vendor left it out). */
  decodeRecord<T extends RecordBase>(row: ZohoRow): T {
    const values = this.decode(row);
    for (const def of this.defs) {
      if (!def.isCustom && presentAt(values, def.fieldName.split(".")) === undefined) writeFieldPath(values, def.fieldName, null);
    }
    const custom = Object.fromEntries(Object.entries((values.customFields as Record<string, unknown>) ?? {}).filter(([, v]) => v !== null));
    const by = (value: unknown) => (value && typeof value === "object" ? String((value as { id: unknown }).id) : null);
    const record: AnyRecord = {
      ...values,
      customFields: custom,
      id: String(row.id),
      createdTime: new Date(String(row.Created_Time)),
      modifiedTime: new Date(String(row.Modified_Time)),
      createdBy: by(row.Created_By),
      modifiedBy: by(row.Modified_By),
      // The vendor keeps no version; the emulator reports its store's, a real org reads as 1.
      version: typeof row.$version === "number" ? row.$version : 1,
    };
    if (!this.holdsFieldsOf<T>(record)) throw new Error(`${this.spec.vendorModule}: a decoded record lacks one of the module's fields`);
    return record;
  }

  /** What makes a decoded record the module's `T`: every field the module defines is there (null if the vendor left it out). */
  private holdsFieldsOf<T extends RecordBase>(record: AnyRecord): record is AnyRecord & T {
    return this.defs.every((def) => def.isCustom || presentAt(record, def.fieldName.split(".")) !== undefined);
  }
}
