import { randomUUID } from "node:crypto";
import { type EntityManager, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from "typeorm";
import type { Database } from "../db/database";
import { ConflictError, NotFoundError } from "../errors/app-error";
import { insertRows } from "../db/insert-rows";
import { anyEntity, entityValues } from "../db/any-entity";
import { decodeCursor, encodeCursor } from "./cursor";
import type { RecordBase } from "./record-base";
import type { RecordRules } from "./record-rules";
import { MODULES } from "../modules/module-registry";
import type { SystemName } from "../fields/field-definition.entity";
import type { Actor, ListCriteria, PageRequest, RecordInput, ReadOptions, RecordPage, RecordStore } from "./record-store";

type EntityMap<Records> = { [M in keyof Records]: new () => Records[M] };

function escapeLike(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Merges a patch into a record: undefined means "leave as is"; embedded addresses and custom fields merge key by key. */
function mergePatch<T extends object>(current: T, patch: object): T {
  const merged: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const old = merged[key];
    const isNested = value !== null && typeof value === "object" && !(value instanceof Date) && old && typeof old === "object";
    merged[key] = isNested ? { ...old, ...(value as object) } : value;
  }
  return merged as T;
}

/** The embedded implementation of one system's store, on the gateway's own database (SQLite or PostgreSQL). */
export class EmbeddedRecordStore<Records extends { [module: string]: RecordBase }> implements RecordStore<Records> {
  constructor(
    private readonly db: Database,
    private readonly entities: EntityMap<Records>,
    private readonly systemName: string,
    private readonly rules: RecordRules | null = null,
  ) {}

  async list<M extends keyof Records & string>(module: M, criteria: ListCriteria, page: PageRequest): Promise<RecordPage<Records[M]>> {
    const query = this.filteredQuery(module, criteria);
    const counting = query.clone();
    const op = page.direction === "DESC" ? "<" : ">";
    const orderBy = page.orderBy ?? "modifiedTime";
    if (page.after) {
      const cursor = decodeCursor(page.after);
      query.andWhere(`(r.${orderBy} ${op} :cursorTime OR (r.${orderBy} = :cursorTime AND r.id ${op} :cursorId))`, {
        cursorTime: cursor.time,
        cursorId: cursor.id,
      });
    }
    const rows = await query
      .orderBy(`r.${orderBy}`, page.direction)
      .addOrderBy("r.id", page.direction)
      .take(page.first + 1)
      .getMany();
    const records = rows.slice(0, page.first);
    const last = records[records.length - 1];
    return {
      records,
      hasNextPage: rows.length > page.first,
      endCursor: last ? encodeCursor({ time: last[orderBy], id: last.id }) : null,
      countTotal: () => counting.getCount(),
    };
  }

  getMany<M extends keyof Records & string>(module: M, ids: readonly string[], manager?: EntityManager, options: ReadOptions = {}): Promise<Records[M][]> {
    return this.read(module, "id", ids, manager, options);
  }

  findByReference<M extends keyof Records & string>(
    module: M,
    field: keyof Records[M] & string,
    values: readonly string[],
    manager?: EntityManager,
    options: Pick<ReadOptions, "columns"> = {},
  ): Promise<Records[M][]> {
    return this.read(module, field, values, manager, options);
  }

  async create<M extends keyof Records & string>(module: M, values: RecordInput<Records[M]>, actor: Actor, manager?: EntityManager) {
    const [created] = await this.createMany(module, [values], actor, manager);
    return created;
  }

  async createMany<M extends keyof Records & string>(
    module: M,
    values: RecordInput<Records[M]>[],
    actor: Actor,
    manager?: EntityManager,
  ): Promise<Records[M][]> {
    const now = new Date();
    const target = this.entity(module);
    const defaults = this.columnDefaults(target);
    const rows = values.map((input) =>
      this.db.manager.create(
        target,
        entityValues<Records[M] & ObjectLiteral>({
          ...defaults,
          customFields: {},
          ...input,
          id: randomUUID(),
          createdTime: now,
          modifiedTime: now,
          createdBy: actor.userId,
          modifiedBy: actor.userId,
          version: 1,
        }),
      ),
    );
    await this.write(manager, async (m) => {
      if (this.rules) for (const row of rows) await this.rules.check(module, row, m, target as Function);
      await insertRows(m, target, rows);
    });
    return rows;
  }

  async update<M extends keyof Records & string>(
    module: M,
    id: string,
    patch: RecordInput<Records[M]>,
    actor: Actor,
    manager?: EntityManager,
    locked?: Records[M],
  ): Promise<Records[M]> {
    const target = this.entity(module);
    return this.write(manager, async (m) => {
      // Lock the row (PostgreSQL): a concurrent write waits for this one rather than failing its version check.
      const lock = this.db.dialect === "postgres" ? { lock: { mode: "pessimistic_write" as const } } : {};
      const current = (manager && locked) || ((await m.findOne(anyEntity(target), { where: { id }, ...lock })) as Records[M] | null);
      if (!current) throw new NotFoundError(`${this.systemName} ${module} record`, id);
      const next = mergePatch(current, { ...patch, modifiedTime: new Date(), modifiedBy: actor.userId, version: current.version + 1 });
      if (this.rules) await this.rules.check(module, next, m, target as Function, new Set(Object.keys(patch)));
      const { id: _id, createdTime: _created, createdBy: _createdBy, ...changes } = next as RecordBase;
      const result = await m.update(anyEntity(target), { id, version: current.version }, changes);
      if (!result.affected) throw new ConflictError(`${module} record "${id}" was changed by someone else; try again`, "id");
      return m.create(target, entityValues<Records[M] & ObjectLiteral>(next));
    });
  }

  async delete<M extends keyof Records & string>(module: M, id: string, manager?: EntityManager): Promise<boolean> {
    const result = await this.write(manager, (m) => m.delete(anyEntity(this.entity(module)), { id }));
    return Boolean(result.affected);
  }

  async replaceRows<M extends keyof Records & string>(
    module: M,
    parentId: string,
    rows: RecordInput<Records[M]>[],
    actor: Actor,
    manager?: EntityManager,
  ): Promise<Records[M][]> {
    const ownerField = MODULES[this.systemName as SystemName][module]?.vendor.subform?.parentField;
    if (!ownerField) throw new Error(`${this.systemName} ${module} is not a line-item module`);
    return this.write(manager, async (m) => {
      await m.delete(anyEntity(this.entity(module)), { [ownerField]: parentId });
      return this.createMany(
        module,
        rows.map((row) => ({ ...row, [ownerField]: parentId })),
        actor,
        m,
      );
    });
  }

  private filteredQuery<M extends keyof Records & string>(module: M, criteria: ListCriteria): SelectQueryBuilder<Records[M]> {
    const query = this.db.manager.createQueryBuilder(this.entity(module), "r");
    Object.entries(criteria.equals ?? {}).forEach(([field, value], index) => {
      if (value === null) query.andWhere(`r.${field} IS NULL`);
      else query.andWhere(`r.${field} = :eq${index}`, { [`eq${index}`]: value });
    });
    if (criteria.textSearch?.text) {
      const clauses = criteria.textSearch.fields.map((field) => `LOWER(r.${field}) LIKE :text ESCAPE '\\'`);
      query.andWhere(`(${clauses.join(" OR ")})`, { text: `%${escapeLike(criteria.textSearch.text)}%` });
    }
    if (criteria.modifiedAfter) query.andWhere("r.modifiedTime > :modifiedAfter", { modifiedAfter: criteria.modifiedAfter });
    if (criteria.modifiedBefore) query.andWhere("r.modifiedTime < :modifiedBefore", { modifiedBefore: criteria.modifiedBefore });
    if (criteria.createdBefore) query.andWhere("r.createdTime <= :createdBefore", { createdBefore: criteria.createdBefore });
    return query;
  }

  /** Column defaults as values, so a created record is complete without reading it back. */
  private columnDefaults(target: EntityTarget<ObjectLiteral>): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const column of this.db.dataSource.getMetadata(target).columns) {
      const value = column.default;
      if (["string", "number", "boolean"].includes(typeof value) && !column.embeddedMetadata) defaults[column.propertyName] = value;
    }
    return defaults;
  }

  /** Inside a transaction the columns filter is ignored: what a transaction reads may be written back whole. */
  private read<M extends keyof Records & string>(
    module: M,
    field: string,
    values: readonly string[],
    manager: EntityManager | undefined,
    options: ReadOptions,
  ): Promise<Records[M][]> {
    const criteria = { in: { property: field, values } };
    if (!manager) return this.db.reader.findIn(this.entity(module), criteria, options.columns);
    return this.db.reader.findIn(this.entity(module), criteria, undefined, { manager, forUpdate: options.forUpdate });
  }

  private write<T>(manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return manager ? work(manager) : this.db.transaction(work);
  }

  private entity<M extends keyof Records & string>(module: M): EntityTarget<Records[M] & ObjectLiteral> {
    const target = this.entities[module];
    if (!target) throw new Error(`Unknown ${this.systemName} module ${module}`);
    return target;
  }
}
