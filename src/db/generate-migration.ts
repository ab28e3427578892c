import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { loadConfig, type Config } from "../config/config";
import { createDataSource } from "./create-data-source";

/**
 * Writes one migration per dialect from the difference between the entities and the migrated schema:
 *   npm run migration:generate -- add-sync-settings
 * SQLite is migrated in a temporary file; PostgreSQL in a temporary schema of DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test).
 */
interface SqlQuery {
  query: string;
  parameters?: unknown[];
}

function toCode(queries: SqlQuery[]): string {
  return queries
    .map((q) => `    await queryRunner.query(${JSON.stringify(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ""});`)
    .join("\n");
}

async function pendingQueries(config: Config): Promise<{ up: SqlQuery[]; down: SqlQuery[] }> {
  const db = createDataSource(config);
  await db.dataSource.initialize();
  try {
    await db.dataSource.runMigrations();
    const log = await db.dataSource.driver.createSchemaBuilder().log();
    return { up: log.upQueries, down: [...log.downQueries].reverse() };
  } finally {
    await db.dataSource.destroy();
  }
}

function writeMigration(dialect: "sqlite" | "postgres", name: string, timestamp: number, up: SqlQuery[], down: SqlQuery[]) {
  const folder = path.join(process.cwd(), "src", "db", "migrations", dialect);
  const className = `${name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}${timestamp}`;
  const file = `${timestamp}-${name}`;
  const source = `import type { MigrationInterface, QueryRunner } from "typeorm";

export class ${className} implements MigrationInterface {
  name = "${className}";

  public async up(queryRunner: QueryRunner): Promise<void> {
${toCode(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${toCode(down)}
  }
}
`;
  fs.writeFileSync(path.join(folder, `${file}.ts`), source);
  const indexPath = path.join(folder, "index.ts");
  const index = fs.readFileSync(indexPath, "utf8");
  const constName = dialect === "sqlite" ? "SQLITE_MIGRATIONS" : "POSTGRES_MIGRATIONS";
  const withImport = `import { ${className} } from "./${file}";\n${index}`;
  const updated = withImport.replace(new RegExp(`(${constName}: Function\\[\\] = \\[)([^\\]]*)\\]`), (_m, head: string, items: string) => {
    const list = items
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    return `${head}${[...list, className].join(", ")}]`;
  });
  fs.writeFileSync(indexPath, updated);
  console.log(`wrote src/db/migrations/${dialect}/${file}.ts (${up.length} statements)`);
}

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) throw new Error("usage: generate-migration <kebab-case-name>");
  const timestamp = Date.now();
  const base = loadConfig({});

  const sqliteFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gw-migration-")), "db.sqlite");
  const sqlite = await pendingQueries({ ...base, sqlitePath: sqliteFile, databaseUrl: null });
  if (sqlite.up.length) writeMigration("sqlite", name, timestamp, sqlite.up, sqlite.down);
  else console.log("sqlite: schema is up to date");

  const databaseUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
  const schema = `gen_${timestamp}`;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  try {
    const pg = await pendingQueries({ ...base, databaseUrl, databaseSchema: schema });
    // Migrations run in whatever schema the search_path names: drop the temporary schema's qualifier.
    const unqualified = (queries: SqlQuery[]) => queries.map((q) => ({ ...q, query: q.query.split(`"${schema}".`).join("") }));
    if (pg.up.length) writeMigration("postgres", name, timestamp, unqualified(pg.up), unqualified(pg.down));
    else console.log("postgres: schema is up to date");
  } finally {
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
