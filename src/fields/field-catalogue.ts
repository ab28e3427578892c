import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import { insertRows } from "../db/insert-rows";
import { BadUserInputError, ConflictError } from "../errors/app-error";
import { FieldDataType, FieldDefinition, PersonalDataClass, SystemName } from "./field-definition.entity";
import { MODULES } from "../modules/module-registry";

export interface NewCustomField {
  system: SystemName;
  module: string;
  apiName: string;
  label: string;
  dataType: FieldDataType;
  mandatory: boolean;
  personalData: PersonalDataClass;
  picklistValues?: string[] | null;
  lookupModule?: string | null;
}

/** What a custom field's API name may be; customFields keys are such names. */
export const CUSTOM_FIELD_API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** Every module's fields, standard and admin-defined, with type, mandatory flag and personal-data class. */
export class FieldCatalogue {
  /**
   * Every definition, read at once and kept: stores check each write against it, inside transactions that must
   * not wait for a second connection. Reloaded after each change made here (another process's new custom
   * field is seen after a restart).
   */
  private all: Promise<Map<string, FieldDefinition[]>> | null = null;

  constructor(private readonly db: Database) {}

  async definitionsOf(system: SystemName, module: string): Promise<FieldDefinition[]> {
    this.all ??= this.loadAll();
    return (await this.all).get(`${system}/${module}`) ?? [];
  }

  /** Reads every definition now (at start-up, and after a change) so no request has to. */
  async reload(): Promise<void> {
    const next = this.loadAll();
    await next;
    this.all = next;
  }

  private async loadAll(): Promise<Map<string, FieldDefinition[]>> {
    const byModule = new Map<string, FieldDefinition[]>();
    for (const field of await this.list()) {
      const key = `${field.system}/${field.module}`;
      byModule.set(key, [...(byModule.get(key) ?? []), field]);
    }
    return byModule;
  }

  /** Writes the standard fields that are missing; safe to run on every start. */
  async ensureStandardFields(): Promise<void> {
    const existing = await this.db.manager.find(FieldDefinition, {
      select: { id: true, system: true, module: true, apiName: true, picklistValues: true, isCustom: true },
    });
    const known = new Map(existing.filter((f) => !f.isCustom).map((f) => [`${f.system}/${f.module}/${f.apiName}`, f]));
    const standard = this.standardDefinitions();
    const missing = standard.filter((f) => !known.has(`${f.system}/${f.module}/${f.apiName}`));
    // A picklist value the registry gained (Estimate "Expired") reaches existing installations; the admin's own stay.
    const widened = standard.flatMap((f) => {
      const stored = known.get(`${f.system}/${f.module}/${f.apiName}`);
      const added = (f.picklistValues ?? []).filter((value) => stored?.picklistValues && !stored.picklistValues.includes(value));
      return stored?.picklistValues && added.length ? [{ id: stored.id, picklistValues: [...stored.picklistValues, ...added] }] : [];
    });
    if (missing.length || widened.length) {
      await this.db.transaction(async (m) => {
        if (missing.length) await insertRows(m, FieldDefinition, missing);
        for (const { id, picklistValues } of widened) await m.update(FieldDefinition, { id }, { picklistValues });
      });
    }
    await this.reload();
  }

  list(system?: SystemName | null, module?: string | null): Promise<FieldDefinition[]> {
    const where: { system?: SystemName; module?: string } = {};
    if (system) where.system = system;
    if (module) where.module = module;
    return this.db.manager.find(FieldDefinition, { where, order: { system: "ASC", module: "ASC", isCustom: "ASC", apiName: "ASC" } });
  }

  modulesOf(system: SystemName): string[] {
    return Object.keys(MODULES[system]);
  }

  async defineCustomField(input: NewCustomField): Promise<FieldDefinition> {
    this.validateCustomField(input);
    const clash = await this.db.manager.findOneBy(FieldDefinition, { system: input.system, module: input.module, apiName: input.apiName });
    if (clash) throw new ConflictError(`apiName: ${input.module} already has a field named "${input.apiName}"`, "apiName");
    const field = Object.assign(new FieldDefinition(), {
      ...input,
      id: randomUUID(),
      fieldName: `customFields.${input.apiName}`,
      picklistValues: input.dataType === FieldDataType.PICKLIST ? input.picklistValues : null,
      lookupModule: input.dataType === FieldDataType.LOOKUP ? input.lookupModule : null,
      isCustom: true,
    });
    await this.db.transaction((m) => m.insert(FieldDefinition, field));
    await this.reload();
    return field;
  }

  private validateCustomField(input: NewCustomField): void {
    const modules = this.modulesOf(input.system);
    if (!modules.includes(input.module)) {
      throw new BadUserInputError("module", `module: "${input.module}" is not a ${input.system} module (one of ${modules.join(", ")})`);
    }
    if (!CUSTOM_FIELD_API_NAME.test(input.apiName)) {
      throw new BadUserInputError("apiName", "apiName: must start with a letter and hold only letters, digits and _ (at most 63)");
    }
    if (input.dataType === FieldDataType.PICKLIST && !input.picklistValues?.length) {
      throw new BadUserInputError("picklistValues", "picklistValues: a picklist field needs at least one value");
    }
    if (input.dataType === FieldDataType.LOOKUP && !(input.lookupModule && modules.includes(input.lookupModule))) {
      throw new BadUserInputError("lookupModule", `lookupModule: a lookup field needs a ${input.system} module to point at`);
    }
  }

  private standardDefinitions(): FieldDefinition[] {
    return Object.values(SystemName).flatMap((system) =>
      Object.entries(MODULES[system]).flatMap(([module, { fields }]) =>
        fields.map(([apiName, fieldName, label, dataType, mandatory = false, personalData = PersonalDataClass.NONE, extra]) =>
          Object.assign(new FieldDefinition(), {
            id: randomUUID(),
            system,
            module,
            apiName,
            fieldName,
            label,
            dataType,
            mandatory,
            personalData,
            picklistValues: Array.isArray(extra) ? [...(extra as readonly string[])] : null,
            lookupModule: typeof extra === "string" ? extra : null,
            isCustom: false,
          }),
        ),
      ),
    );
  }
}
