import { decodeCursor, encodeCursor } from "../../src/common/cursor";
import { isoTimestamp, type SqlStore } from "../sql-store";
import { NEWEST_FIRST } from "./newest-first";

/**
 * WorkOrdersPage (schema/operations/bench.graphql) by hand: one page (one row more, to know whether another
 * follows) after the cursor's position in (modified time, id) order, then the page's Companies in one statement.
 * The cursor is the gateway's own format, so a client can walk either server.
 */
export async function workOrdersPage(store: SqlStore, first: number, after: string | null) {
  const cursor = after ? decodeCursor(after) : null;
  const rows = await store.all<{
    id: string;
    summary: string;
    status: string;
    priority: string | null;
    dueDate: string | null;
    modifiedTime: string | Date;
    companyId: string | null;
  }>(
    `SELECT "id", "summary", "status", "priority", ${store.dateText("dueDate")} AS "dueDate", "modifiedTime", "companyId" FROM "fsm_work_order"
     ${cursor ? `WHERE ("modifiedTime" < ? OR ("modifiedTime" = ? AND "id" < ?))` : ""} ${NEWEST_FIRST} LIMIT ?`,
    cursor ? [store.timestampParam(cursor.time), store.timestampParam(cursor.time), cursor.id, first + 1] : [first + 1],
  );
  const page = rows.slice(0, first);
  const companyIds = [...new Set(page.map((w) => w.companyId).filter((id): id is string => id !== null))];
  const companies = companyIds.length
    ? await store.all<{ id: string; companyName: string }>(`SELECT "id", "companyName" FROM "fsm_company" WHERE "id" IN_LIST(?)`, [companyIds])
    : [];
  const companyById = new Map(companies.map((c) => [c.id, c]));
  const last = page.at(-1);
  return {
    data: {
      workOrders: {
        pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor({ time: new Date(isoTimestamp(last.modifiedTime)), id: last.id }) : null },
        nodes: page.map((w) => {
          const company = w.companyId ? companyById.get(w.companyId) : undefined;
          return {
            id: w.id,
            summary: w.summary,
            status: w.status,
            priority: w.priority,
            dueDate: w.dueDate,
            modifiedTime: isoTimestamp(w.modifiedTime),
            company: company ? { id: company.id, companyName: company.companyName } : null,
          };
        }),
      },
    },
  };
}
