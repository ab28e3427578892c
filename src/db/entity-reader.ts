import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import type { EntityMetadata } from "typeorm/metadata/EntityMetadata";
import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import type { DatabaseConnection } from "./dialect";
import { parseSqliteTimestamp } from "./sqlite-timestamp";
import { BoundedCache } from "../common/bounded-cache";
import type { ColumnFilter } from "../common/record-store";
import { connectedSqliteHandleOf, type SqliteStatement } from "./driver-internals";

/** Which rows to read: equal to these values, and one of `values` in the `in` column (properties, not column names). */
export interface ReadCriteria {
  equals?: Record<string, string>;
  in: { property: string; values: readonly string[] };
}

type Row = unknown[] | Record<string, unknown>;
type Hydrate = (row: Row) => ObjectLiteral;

/** Text columns come back as they are stored: no conversion to run. */
const AS_STORED = new Set<unknown>(["varchar", "text", "character varying", String]);

/**
 * The read path of the gateway's hottest queries (loaders: records and links by key), without the ORM's query
 * building and entity hydration: one SQL shape per entity and criteria, whatever the number of keys (a JSON array
 * on SQLite, an array parameter on PostgreSQL), prepared once, and rows turned into entities by a mapper built
 * from TypeORM's own metadata, converting each column exactly as TypeORM's driver does. Statements are logged
 * to TypeORM's logger like any other, so statement counts stay true.
 */
export class EntityReader {
  // Bounded: each query shape selects its own columns, and clients choose the shapes.
  private readonly hydrators = new BoundedCache<string, Hydrate>(500);
  private statements = new BoundedCache<string, SqliteStatement>(500);
  /** The SQLite connection they were prepared on: a database reopened after a storage fault needs them again. */
  private statementsOf: unknown = null;

  constructor(private readonly db: DatabaseConnection) {}

  /**
   * `tx`: read inside that transaction (on SQLite every statement runs on the one connection anyway); `forUpdate`
   * locks the rows on PostgreSQL until it ends (SQLite's transactions run one at a time: nothing to lock).
   */
  async findIn<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    criteria: ReadCriteria,
    filter?: ColumnFilter,
    tx?: { manager: EntityManager; forUpdate?: boolean },
  ): Promise<T[]> {
    if (!criteria.in.values.length) return [];
    const metadata = this.db.dataSource.getMetadata(target);
    const columns = selectedColumns(metadata, filter);
    const { sql, parameters } = this.statement(metadata, columns, criteria);
    const rows = await this.run(tx?.forUpdate && this.db.dialect === "postgres" ? `${sql} FOR UPDATE` : sql, parameters, tx?.manager);
    const hydrate = this.hydrator(metadata, columns, filter);
    return rows.map(hydrate) as T[];
  }

  private statement(metadata: EntityMetadata, selected: ColumnMetadata[], criteria: ReadCriteria): { sql: string; parameters: unknown[] } {
    const postgres = this.db.dialect === "postgres";
    const column = (property: string) => {
      const found = metadata.findColumnWithPropertyPath(property);
      if (!found) throw new Error(`${metadata.name} has no column ${property}`);
      return `"${found.databaseName}"`;
    };
    const parameters: unknown[] = [];
    const placeholder = (value: unknown) => {
      parameters.push(value);
      return postgres ? `$${parameters.length}` : "?";
    };
    const conditions = Object.entries(criteria.equals ?? {}).map(([property, value]) => `${column(property)} = ${placeholder(value)}`);
    const keys = [...new Set(criteria.in.values)];
    conditions.push(
      postgres
        ? `${column(criteria.in.property)} = ANY(${placeholder(keys)})`
        : `${column(criteria.in.property)} IN (SELECT value FROM json_each(${placeholder(JSON.stringify(keys))}))`,
    );
    const columns = selected.map((c) => `"${c.databaseName}"`);
    return { sql: `SELECT ${columns.join(", ")} FROM "${metadata.tableName}" WHERE ${conditions.join(" AND ")}`, parameters };
  }

  private async run(sql: string, parameters: unknown[], manager?: EntityManager): Promise<Row[]> {
    const { dataSource } = this.db;
    if (this.db.dialect === "postgres") return (manager ?? dataSource).query(sql, parameters);
    dataSource.logger.logQuery(sql, parameters);
    try {
      return this.sqliteStatement(sql).all(...parameters);
    } catch (error) {
      dataSource.logger.logQueryError(error instanceof Error ? error : String(error), sql, parameters);
      throw error;
    }
  }

  /** better-sqlite3 rows as arrays: building an object per row, keyed by column, costs more than the query. */
  private sqliteStatement(sql: string): SqliteStatement {
    const connection = connectedSqliteHandleOf(this.db.dataSource);
    if (connection !== this.statementsOf) {
      this.statements = new BoundedCache<string, SqliteStatement>(500);
      this.statementsOf = connection;
    }
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql).raw(true);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private hydrator(metadata: EntityMetadata, columns: ColumnMetadata[], filter: ColumnFilter | undefined): Hydrate {
    const key = `${metadata.name}|${filter?.key ?? "*"}`;
    let hydrate = this.hydrators.get(key);
    if (!hydrate) {
      hydrate = buildHydrator(metadata, columns, this.db);
      this.hydrators.set(key, hydrate);
    }
    return hydrate;
  }
}

function selectedColumns(metadata: EntityMetadata, filter?: ColumnFilter): ColumnMetadata[] {
  return metadata.columns.filter(
    (column) =>
      column.isSelect &&
      !column.isVirtual &&
      !column.isVirtualProperty &&
      (!filter || filter.reads(column.embeddedMetadata?.propertyName ?? column.propertyName)),
  );
}

/** How a stored value becomes the entity's: as TypeORM's driver converts it, with shortcuts that give the same value. */
function converter(column: ColumnMetadata, db: DatabaseConnection): ((value: unknown) => unknown) | null {
  if (column.transformer) return (value) => db.dataSource.driver.prepareHydratedValue(value, column) as unknown;
  if (AS_STORED.has(column.type)) return null;
  const driverValue = (value: unknown) => db.dataSource.driver.prepareHydratedValue(value, column) as unknown;
  if (db.dialect === "sqlite" && (column.type === Date || column.type === "datetime")) {
    return (value) => (typeof value === "string" && parseSqliteTimestamp(value)) || driverValue(value);
  }
  return driverValue;
}

/** Builds entities as TypeORM does: the class's prototype without its constructor, embedded objects likewise. */
function buildHydrator(metadata: EntityMetadata, selected: ColumnMetadata[], db: DatabaseConnection): Hydrate {
  const byIndex = db.dialect === "sqlite";
  const columns = selected.map((column, index) => {
    const convert = converter(column, db);
    const embedded = column.embeddedMetadata;
    if (embedded && embedded.parentEmbeddedMetadata) throw new Error(`${metadata.name}.${column.propertyPath}: nested embedded columns are not supported`);
    return { key: byIndex ? index : column.databaseName, property: column.propertyName, convert, embedded };
  });
  return (row) => {
    const entity = metadata.create(undefined, { fromDeserializer: true }) as ObjectLiteral;
    for (const { key, property, convert, embedded } of columns) {
      const stored = (row as Record<string | number, unknown>)[key];
      const value = convert ? convert(stored) : stored;
      if (embedded) {
        const target = (entity[embedded.propertyName] ??= embedded.create({ fromDeserializer: true })) as ObjectLiteral;
        target[property] = value;
      } else {
        entity[property] = value;
      }
    }
    return entity;
  };
}
