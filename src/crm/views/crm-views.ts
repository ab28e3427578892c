import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { Database } from "../../db/database";
import type { FieldCatalogue } from "../../fields/field-catalogue";
import { SystemName } from "../../fields/field-definition.entity";
import { readFieldPath } from "../../common/field-path";
import { BadUserInputError, NotFoundError } from "../../errors/app-error";
import { CrmView, ViewOperator, type ViewCondition } from "./crm-view.entity";

const VIEW_MODULES = ["Accounts", "Contacts"];
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value)).toLowerCase();

function holds(condition: ViewCondition, value: unknown): boolean {
  const actual = text(value);
  const expected = text(condition.value);
  switch (condition.operator) {
    case ViewOperator.EQUALS:
      return actual === expected;
    case ViewOperator.NOT_EQUALS:
      return actual !== expected;
    case ViewOperator.CONTAINS:
      return actual.includes(expected);
    case ViewOperator.STARTS_WITH:
      return actual.startsWith(expected);
    case ViewOperator.IS_EMPTY:
      return actual === "";
    case ViewOperator.IS_NOT_EMPTY:
      return actual !== "";
  }
}

/** CRM views (saved filters): which Accounts and Contacts sync from the CRM. */
export class CrmViews {
  constructor(
    private readonly db: Database,
    private readonly catalogue: FieldCatalogue,
  ) {}

  list(module?: string | null): Promise<CrmView[]> {
    return this.db.manager.find(CrmView, { where: module ? { module } : {}, order: { name: "ASC" } });
  }

  /** Inside a transaction, pass its manager: on PostgreSQL another connection could wait on this one's pool. */
  async get(id: string, manager: EntityManager = this.db.manager): Promise<CrmView> {
    const view = await manager.findOneBy(CrmView, { id });
    if (!view) throw new NotFoundError("CRM view", id);
    return view;
  }

  async create(module: string, name: string, conditions: ViewCondition[]): Promise<CrmView> {
    if (!VIEW_MODULES.includes(module)) throw new BadUserInputError("module", `module: views choose records of ${VIEW_MODULES.join(" or ")}`);
    const fields = await this.catalogue.definitionsOf(SystemName.CRM, module);
    conditions.forEach((c, i) => {
      if (!fields.some((f) => f.apiName === c.field))
        throw new BadUserInputError(`conditions[${i}].field`, `conditions[${i}].field: "${c.field}" is not a field of CRM ${module}`);
    });
    const view = Object.assign(new CrmView(), {
      id: randomUUID(),
      module,
      name,
      conditions: conditions.map((c) => ({ field: c.field, operator: c.operator, value: c.value ?? null })),
      createdTime: new Date(),
    });
    await this.db.transaction((m) => m.insert(CrmView, view));
    return view;
  }

  /** Whether a record is in the view: every condition holds on the field's value. */
  async matches(view: CrmView, record: object): Promise<boolean> {
    const fields = await this.catalogue.definitionsOf(SystemName.CRM, view.module);
    return view.conditions.every((c) => holds(c, readFieldPath(record, fields.find((f) => f.apiName === c.field)?.fieldName ?? c.field)));
  }
}
