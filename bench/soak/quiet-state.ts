import type { DataSource } from "typeorm";
import { CRM_ENTITIES, FSM_ENTITIES } from "../../src/modules/module-registry";
import { SyncPair } from "../../src/sync/sync-pair";
import { openSqlStore, type DatabaseTarget } from "../sql-store";
import { EDITED_PAIRS, type SoakRecord } from "./edits";

/** Per pair and side: the table, and the column of each edited field (by mapping key). */
export type EditedColumns = Record<SyncPair, Record<"CRM" | "FSM", { table: string; columns: Record<string, string> }>>;

/** The edited fields between two rounds (every client idle, the outbox drained): `${crmId}/${key}` → both sides' values. */
export interface QuietState {
  round: number;
  /** Wall clock when read: every logged write of the rounds so far was sent before. */
  at: number;
  drained: boolean;
  values: Map<string, { crm: unknown; fsm: unknown }>;
}

/** Read from the entity metadata, so the soak reads the same columns the gateway writes. */
export function editedColumns(dataSource: DataSource): EditedColumns {
  const of = (entity: Function, fields: [string, string][]) => {
    const meta = dataSource.getMetadata(entity);
    const columnOf = (property: string) => {
      const column = meta.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${meta.name} has no column for ${property}`);
      return column.databaseName;
    };
    return { table: meta.tableName, columns: Object.fromEntries(fields.map(([key, property]) => [key, columnOf(property)])) };
  };
  const result = {} as EditedColumns;
  for (const pair of Object.values(SyncPair)) {
    const edited = EDITED_PAIRS[pair];
    result[pair] = {
      CRM: of(
        CRM_ENTITIES[edited.crmModule as keyof typeof CRM_ENTITIES],
        edited.fields.map((f) => [f.key, f.crm]),
      ),
      FSM: of(
        FSM_ENTITIES[edited.fsmModule as keyof typeof FSM_ENTITIES],
        edited.fields.map((f) => [f.key, f.fsm]),
      ),
    };
  }
  return result;
}

/** Reads the edited fields straight from the database (read-only, while the gateways keep running). */
export async function readQuietState(
  target: DatabaseTarget,
  columns: EditedColumns,
  records: SoakRecord[],
  round: number,
  drained: boolean,
): Promise<QuietState> {
  const at = Date.now();
  const store = openSqlStore(target);
  const values = new Map<string, { crm: unknown; fsm: unknown }>();
  try {
    for (const pair of Object.values(SyncPair)) {
      const mine = records.filter((r) => r.pair === pair);
      const rows = {} as Record<"CRM" | "FSM", Map<string, Record<string, unknown>>>;
      for (const side of ["CRM", "FSM"] as const) {
        const { table, columns: cols } = columns[pair][side];
        const list = Object.entries(cols)
          .map(([key, column]) => `"${column}" AS "${key}"`)
          .join(", ");
        const found = await store.all<Record<string, unknown> & { id: string }>(`SELECT "id" AS "id", ${list} FROM "${table}" WHERE "id" IN_LIST(?)`, [
          mine.map((r) => (side === "CRM" ? r.crmId : r.fsmId)),
        ]);
        rows[side] = new Map(found.map((row) => [row.id, row]));
      }
      for (const r of mine) {
        for (const { key } of EDITED_PAIRS[pair].fields)
          values.set(`${r.crmId}/${key}`, { crm: rows.CRM.get(r.crmId)?.[key], fsm: rows.FSM.get(r.fsmId)?.[key] });
      }
    }
  } finally {
    await store.close();
  }
  return { round, at, drained, values };
}
