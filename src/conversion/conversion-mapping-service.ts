import type { Database } from "../db/database";
import type { FieldCatalogue } from "../fields/field-catalogue";
import { FieldDataType, SystemName, type FieldDefinition } from "../fields/field-definition.entity";
import { BadUserInputError } from "../errors/app-error";
import { assertCompatibleTypes } from "../sync/mapping/mapping-validation";
import { recordSettingsChange } from "../sync/settings/settings-audit";
import { ConversionMapping } from "./conversion-mapping.entity";
import { ConversionSource, type ConversionTarget, defaultConversionFields, type ConversionFieldSpec } from "./conversion-pairs";
import { ALLOWED_TARGETS } from "../modules/module-registry";

export function assertAllowedPair(source: ConversionSource, target: ConversionTarget): void {
  if (!ALLOWED_TARGETS[source].includes(target)) {
    throw new BadUserInputError(
      "targetModule",
      `targetModule: a ${target} record cannot be created from a CRM ${source} record (allowed: ${ALLOWED_TARGETS[source].join(", ")})`,
    );
  }
}

/**
 * A CRM field's values can prefill the FSM field: same type family (named on targetField, the input's own name),
 * and into a picklist only from a picklist whose every value the target has (free text would make every
 * create from such a record fail on an invalid value).
 */
function assertConvertible(crm: FieldDefinition, fsm: FieldDefinition, at: string): void {
  try {
    assertCompatibleTypes(crm, fsm, at);
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    throw new BadUserInputError(`${at}.targetField`, error.message.replace(`${at}.fsmField`, `${at}.targetField`));
  }
  if (fsm.dataType !== FieldDataType.PICKLIST) return;
  const missing = crm.dataType === FieldDataType.PICKLIST ? (crm.picklistValues ?? []).filter((v) => !(fsm.picklistValues ?? []).includes(v)) : null;
  if (missing === null) {
    throw new BadUserInputError(
      `${at}.sourceField`,
      `${at}.sourceField: CRM ${crm.apiName} (${crm.dataType}) is free text; the picklist ${fsm.apiName} takes only ${(fsm.picklistValues ?? []).join(", ")}`,
    );
  }
  if (missing.length) {
    throw new BadUserInputError(`${at}.sourceField`, `${at}.sourceField: CRM ${crm.apiName} values have no FSM ${fsm.apiName} value: ${missing.join(", ")}`);
  }
}

/** Conversion field mappings per (CRM module → FSM module): shipped defaults, replaced by admins after validation. */
export class ConversionMappingService {
  constructor(
    private readonly db: Database,
    private readonly catalogue: FieldCatalogue,
  ) {}

  async ensureDefaults(): Promise<void> {
    const existing = new Set((await this.db.manager.find(ConversionMapping)).map((m) => `${m.source}>${m.target}`));
    const missing = Object.values(ConversionSource).flatMap((source) =>
      ALLOWED_TARGETS[source]
        .filter((target) => !existing.has(`${source}>${target}`))
        .map((target) =>
          Object.assign(new ConversionMapping(), {
            source,
            target,
            fields: defaultConversionFields(source, target),
            modifiedTime: new Date(),
            modifiedBy: null,
          }),
        ),
    );
    if (missing.length) await this.db.transaction((m) => m.insert(ConversionMapping, missing));
  }

  list(): Promise<ConversionMapping[]> {
    return this.db.manager.find(ConversionMapping, { order: { source: "ASC", target: "ASC" } });
  }

  async get(source: ConversionSource, target: ConversionTarget): Promise<ConversionMapping> {
    assertAllowedPair(source, target);
    return this.db.manager.findOneByOrFail(ConversionMapping, { source, target });
  }

  async replace(source: ConversionSource, target: ConversionTarget, fields: ConversionFieldSpec[], userId: string): Promise<ConversionMapping> {
    assertAllowedPair(source, target);
    await this.validate(source, target, fields);
    return this.db.transaction(async (m) => {
      const before = await m.findOneByOrFail(ConversionMapping, { source, target });
      const after = Object.assign(new ConversionMapping(), { source, target, fields, modifiedTime: new Date(), modifiedBy: userId });
      await m.save(after);
      await recordSettingsChange(m, `conversionMapping:${source}>${target}`, { fields: before.fields }, { fields }, userId);
      return after;
    });
  }

  /** Both fields exist, their types fit, no target is mapped twice, every mandatory target is covered or defaulted. */
  private async validate(source: ConversionSource, target: ConversionTarget, fields: ConversionFieldSpec[]): Promise<void> {
    const crmFields = await this.catalogue.definitionsOf(SystemName.CRM, source);
    const fsmFields = await this.catalogue.definitionsOf(SystemName.FSM, target);
    const covered = new Set<string>();
    fields.forEach((spec, index) => {
      const at = `fields[${index}]`;
      const fsm = fsmFields.find((f) => f.apiName === spec.targetField);
      if (!fsm) throw new BadUserInputError(`${at}.targetField`, `${at}.targetField: "${spec.targetField}" is not a field of FSM ${target}`);
      if (fsm.dataType === FieldDataType.LOOKUP) {
        throw new BadUserInputError(
          `${at}.targetField`,
          `${at}.targetField: ${fsm.apiName} is a lookup; Company, Contact, Service or Part and the parent follow the source's links and are not mapped`,
        );
      }
      if (covered.has(fsm.apiName)) throw new BadUserInputError(`${at}.targetField`, `${at}.targetField: ${fsm.apiName} is mapped twice`);
      if (spec.sourceField !== null) {
        const crm = crmFields.find((f) => f.apiName === spec.sourceField);
        if (!crm) throw new BadUserInputError(`${at}.sourceField`, `${at}.sourceField: "${spec.sourceField}" is not a field of CRM ${source}`);
        assertConvertible(crm, fsm, at);
      } else if (!spec.defaultValue) {
        throw new BadUserInputError(`${at}.defaultValue`, `${at}.defaultValue: a target field without a source field needs a default value`);
      }
      if (fsm.picklistValues && spec.defaultValue && !fsm.picklistValues.includes(spec.defaultValue)) {
        throw new BadUserInputError(`${at}.defaultValue`, `${at}.defaultValue: not one of ${fsm.apiName}'s values (${fsm.picklistValues.join(", ")})`);
      }
      covered.add(fsm.apiName);
    });
    const ruled = new Set(["Company", "Contact", "Product", "Request", "Estimate", "Asset"]);
    const missing = fsmFields.filter((f) => f.mandatory && !covered.has(f.apiName) && !ruled.has(f.apiName));
    if (missing.length)
      throw new BadUserInputError(
        "fields",
        `fields: mandatory FSM ${target} fields must be mapped or given a default: ${missing.map((f) => f.apiName).join(", ")}`,
      );
  }
}
