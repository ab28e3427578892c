import { matchKey } from "../common/match-key";
import type { EntityManager } from "typeorm";
import { readFieldPath } from "../common/field-path";
import { RecordRejectedError } from "../common/record-rejected.error";
import type { RecordRules } from "../common/record-rules";
import { FieldDataType, type SystemName } from "./field-definition.entity";
import type { FieldCatalogue } from "./field-catalogue";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A value must be unique among the records that share the scope field's value (e.g. Email within a Company). */
export interface UniqueWithin {
  module: string;
  field: string;
  scope: string;
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === "";

/**
 * The rules a vendor's API enforces on every write, driven by the field catalogue: mandatory fields, picklist
 * values, e-mail syntax, and per-system uniqueness. The embedded stores apply them so that they refuse exactly
 * what the real systems would.
 */
export class CatalogueRules implements RecordRules {
  constructor(
    private readonly catalogue: Pick<FieldCatalogue, "definitionsOf">,
    private readonly system: SystemName,
    private readonly unique: UniqueWithin[] = [],
  ) {}

  async check(module: string, record: object, manager: EntityManager, entity: Function, changed?: ReadonlySet<string>): Promise<void> {
    for (const field of await this.catalogue.definitionsOf(this.system, module)) {
      const value = readFieldPath(record, field.fieldName);
      if (isEmpty(value)) {
        if (field.mandatory)
          throw new RecordRejectedError(
            "MANDATORY_NOT_FOUND",
            field.fieldName,
            field.apiName,
            `${field.fieldName}: ${field.label} (${field.apiName}) is mandatory in ${this.system} ${module}`,
          );
        continue;
      }
      if (field.dataType === FieldDataType.PICKLIST && field.picklistValues && !field.picklistValues.includes(String(value))) {
        // Messages name the field and the rule, never the value: they end up in sync logs.
        throw new RecordRejectedError(
          "INVALID_DATA",
          field.fieldName,
          field.apiName,
          `${field.fieldName}: the value is not one of ${field.apiName}'s values (${field.picklistValues.join(", ")})`,
        );
      }
      if (field.dataType === FieldDataType.EMAIL && !EMAIL.test(String(value))) {
        throw new RecordRejectedError("INVALID_DATA", field.fieldName, field.apiName, `${field.fieldName}: not a valid e-mail address`);
      }
    }
    await this.checkUnique(module, record as Record<string, unknown>, manager, entity, changed);
  }

  private async checkUnique(module: string, record: Record<string, unknown>, manager: EntityManager, entity: Function, changed?: ReadonlySet<string>) {
    for (const rule of this.unique.filter((u) => u.module === module && (!changed || changed.has(u.field) || changed.has(u.scope)))) {
      const value = record[rule.field];
      const scope = record[rule.scope];
      if (isEmpty(value) || isEmpty(scope)) continue;
      // Compared by match key (common/match-key.ts): the stored side lowercased and trimmed by the database.
      const clash = await manager
        .createQueryBuilder(entity, "r")
        .where(`LOWER(TRIM(r.${rule.field})) = :key`, { key: matchKey(value) })
        .andWhere(`r.${rule.scope} = :scope`, { scope })
        .andWhere("r.id <> :id", { id: record.id ?? "" })
        .getExists();
      if (clash) {
        throw new RecordRejectedError(
          "DUPLICATE_DATA",
          rule.field,
          rule.field,
          `${rule.field}: another ${module} record with this ${rule.field} exists in the same ${rule.scope.replace(/Id$/, "")}`,
        );
      }
    }
  }
}
