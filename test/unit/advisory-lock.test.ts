import { describe, expect, it } from "vitest";
import type { EntityManager } from "typeorm";
import { lockForTransaction, lockMassDeleteWindow, recordLockKey } from "../../src/db/advisory-lock";
import type { Dialect } from "../../src/db/dialect";

function recordingManager() {
  const queries: [string, unknown[]][] = [];
  const manager = { query: async (sql: string, params: unknown[]) => void queries.push([sql, params]) } as unknown as EntityManager;
  return { manager, queries };
}

describe("advisory locks", () => {
  it.each<[string, (m: EntityManager, dialect: Dialect) => Promise<void>, [string, unknown[]]]>([
    [
      "a record's sync lock",
      (m, d) => lockForTransaction(m, d, recordLockKey("CRM", "Accounts", "a1")),
      ["SELECT pg_advisory_xact_lock(hashtext($1))", ["CRM:Accounts:a1"]],
    ],
    [
      "the mass-delete guard's lock, in its own key space",
      (m, d) => lockMassDeleteWindow(m, d, "FSM", "Companies"),
      ["SELECT pg_advisory_xact_lock(7305, hashtext($1))", ["mass-delete:FSM:Companies"]],
    ],
  ])("%s: one query on PostgreSQL, none on SQLite", async (_, lock, expected) => {
    const postgres = recordingManager();
    await lock(postgres.manager, "postgres");
    expect(postgres.queries).toEqual([expected]);
    const sqlite = recordingManager();
    await lock(sqlite.manager, "sqlite");
    expect(sqlite.queries).toEqual([]);
  });
});
