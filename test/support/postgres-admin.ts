import { Client } from "pg";

/** Runs one statement on its own short connection (creating or dropping a test file's schema, and the like). */
export async function runPostgresSql(databaseUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
