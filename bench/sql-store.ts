import BetterSqlite3 from "better-sqlite3";
import { Pool } from "pg";

/**
 * The baseline's whole data layer: hand-written SQL, prepared once, with ids passed as one list parameter
 * (json_each on SQLite, = ANY($n) on PostgreSQL), so a batch of any size is one cached statement.
 * Counts statements, like the gateway's QueryCounter.
 */
export interface SqlStore {
  readonly dialect: "sqlite" | "postgres";
  statements: number;
  /** A date column (YYYY-MM-DD) selected as text, as the gateway returns it. */
  dateText(column: string): string;
  /** A timestamp parameter as the gateway's ORM writes it, for comparisons with stored timestamps. */
  timestampParam(time: Date): unknown;
  /** `sql` uses `?` for scalars and `IN_LIST(?)` for a list of strings. */
  all<T>(sql: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** SQLite returns timestamps as "YYYY-MM-DD HH:MM:SS.SSS" (UTC, as TypeORM writes them); PostgreSQL as Date. */
export function isoTimestamp(value: string | Date): string {
  return typeof value === "string" ? `${value.replace(" ", "T")}Z` : value.toISOString();
}

class SqliteStore implements SqlStore {
  readonly dialect = "sqlite" as const;
  statements = 0;
  dateText = (column: string) => `"${column}"`;
  timestampParam = (time: Date) => time.toISOString().replace("T", " ").replace("Z", "");
  private readonly prepared = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly db: BetterSqlite3.Database) {}

  async all<T>(sql: string, params: unknown[]): Promise<T[]> {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql.replace(/IN_LIST\(\?\)/g, "IN (SELECT value FROM json_each(?))"));
      this.prepared.set(sql, statement);
    }
    this.statements += 1;
    return statement.all(...params.map((p) => (Array.isArray(p) ? JSON.stringify(p) : p))) as T[];
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

class PostgresStore implements SqlStore {
  readonly dialect = "postgres" as const;
  statements = 0;
  dateText = (column: string) => `"${column}"::text`;
  timestampParam = (time: Date) => time;
  private readonly texts = new Map<string, { name: string; text: string }>();

  constructor(private readonly pool: Pool) {}

  async all<T>(sql: string, params: unknown[]): Promise<T[]> {
    let prepared = this.texts.get(sql);
    if (!prepared) {
      let n = 0;
      const text = sql.replace(/IN_LIST\(\?\)|\?/g, (match) => (match === "?" ? `$${++n}` : `= ANY($${++n})`));
      prepared = { name: `bench_${this.texts.size}`, text };
      this.texts.set(sql, prepared);
    }
    this.statements += 1;
    return (await this.pool.query({ ...prepared, values: params })).rows as T[];
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Where the benchmark's database lives: a SQLite file, or a schema on PostgreSQL. */
export interface DatabaseTarget {
  sqlitePath: string | null;
  databaseUrl: string | null;
  databaseSchema: string | null;
}

export function openSqlStore(target: DatabaseTarget): SqlStore {
  if (target.databaseUrl) {
    // pg's default type parsers, as TypeORM uses them: the gateway and the baseline read the same values.
    const pool = new Pool({
      connectionString: target.databaseUrl,
      max: 10,
      options: target.databaseSchema ? `-c search_path=${target.databaseSchema}` : undefined,
    });
    return new PostgresStore(pool);
  }
  if (!target.sqlitePath) throw new Error("openSqlStore needs sqlitePath or databaseUrl");
  return new SqliteStore(new BetterSqlite3(target.sqlitePath, { readonly: true, fileMustExist: true }));
}
