import type { InputLimits } from "../config/config";
import type { Database } from "../db/database";
import type { AnyRecordStore } from "../common/any-record-store";
import type { StoreTransaction } from "../common/record-store";
import { readFieldPath } from "../common/field-path";
import { BadUserInputError } from "../errors/app-error";
import { MODULES } from "../modules/module-registry";
import { FieldDataType, type SystemName, type FieldDefinition } from "./field-definition.entity";
import type { FieldCatalogue } from "./field-catalogue";
import { columnRules, firstColumnProblem, type ColumnRule } from "./column-rules";
import { checkCustomFields } from "./custom-field-values";

const RECORD_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * The one check of what a user writes into a record, before anything is written: every column's length, type and
 * range (from the entity's column metadata), customFields (from the catalogue), and every reference (accountId,
 * dealId, …) pointing at a record that exists, looked up through the stores so a remote connector is asked too.
 * Refusals are BAD_USER_INPUT naming the field, the same on every store.
 */
export class RecordInputCheck {
  private readonly rules = new Map<string, ColumnRule[]>();

  constructor(
    private readonly db: Database,
    private readonly catalogue: Pick<FieldCatalogue, "definitionsOf">,
    private readonly stores: Record<SystemName, AnyRecordStore>,
    private readonly limits: InputLimits,
  ) {}

  /** `input` by GraphQL field name, as a create or an update (absent fields are not checked) gives it. */
  async check(system: SystemName, module: string, input: object, tx?: StoreTransaction): Promise<void> {
    const definitions = await this.catalogue.definitionsOf(system, module);
    const broken = firstColumnProblem(this.columnRules(system, module, definitions), input);
    if (broken) throw new BadUserInputError(broken.path, `${broken.path}: ${broken.problem}`);
    if ("customFields" in input) checkCustomFields((input as { customFields?: unknown }).customFields, module, definitions, this.limits);
    await this.checkReferences(system, definitions, input, tx);
  }

  private columnRules(system: SystemName, module: string, definitions: FieldDefinition[]): ColumnRule[] {
    const key = `${system}/${module}`;
    let rules = this.rules.get(key);
    if (!rules) {
      const facts = MODULES[system][module];
      rules = facts ? columnRules(this.db.dataSource, facts, definitions, this.limits) : [];
      this.rules.set(key, rules);
    }
    return rules;
  }

  /** One read per referenced module, whatever the number of references to it. */
  private async checkReferences(system: SystemName, definitions: FieldDefinition[], input: object, tx?: StoreTransaction): Promise<void> {
    const wanted = new Map<string, { field: string; id: string }[]>();
    for (const field of definitions) {
      if (field.dataType !== FieldDataType.LOOKUP || !field.lookupModule) continue;
      const id = readFieldPath(input, field.fieldName);
      if (typeof id !== "string") continue;
      wanted.set(field.lookupModule, [...(wanted.get(field.lookupModule) ?? []), { field: field.fieldName, id }]);
    }
    for (const [module, references] of wanted) {
      const malformed = references.find((r) => !RECORD_ID.test(r.id));
      if (malformed) throw new BadUserInputError(malformed.field, `${malformed.field}: not a record id`);
      const found = new Set((await this.stores[system].getMany(module, [...new Set(references.map((r) => r.id))], tx)).map((r) => r.id));
      const missing = references.find((r) => !found.has(r.id));
      if (missing) throw new BadUserInputError(missing.field, `${missing.field}: there is no ${system} ${module} record "${missing.id}"`);
    }
  }
}
