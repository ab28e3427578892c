import type { Request, Response } from "express";
import type { RecordBase } from "../../../src/common/record-base";
import type { RecordStore } from "../../../src/common/record-store";
import type { ZohoRow } from "../../../src/remote/zoho-record-codec";
import { errorBody } from "./error-body";

const MAX_PER_PAGE = 200;
/** Page numbers reach this many records; past them only a page token does (the CRM's documented limit). */
export const PAGE_NUMBER_LIMIT = 2000;

/** Every record of a module in the asked order: sort_by Modified_Time or Created_Time (then id), newest first by default. */
export async function sortedRecords(store: RecordStore<Record<string, RecordBase>>, module: string, query: Request["query"]): Promise<RecordBase[]> {
  const orderBy = query.sort_by === "Modified_Time" ? "modifiedTime" : "createdTime";
  const direction = query.sort_order === "asc" ? "ASC" : "DESC";
  return (await store.list(module, {}, { first: 1_000_000, direction, orderBy })).records;
}

const encodeToken = (offset: number, perPage: number) => Buffer.from(JSON.stringify({ offset, perPage })).toString("base64url");

function decodeToken(token: string): { offset: number; perPage: number } | null {
  try {
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown; perPage?: unknown };
    return Number.isInteger(value.offset) && Number.isInteger(value.perPage) ? (value as { offset: number; perPage: number }) : null;
  } catch {
    return null;
  }
}

/**
 * Answers one page of rows: `page`/`per_page` up to 2,000 records, `page_token` past them (never both), 204 with
 * no body for an empty page, and the `info` block with more_records and next_page_token.
 */
export function paged(req: Request, res: Response, rows: ZohoRow[]): void {
  const perPage = req.query.per_page === undefined ? MAX_PER_PAGE : Number(req.query.per_page);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE)
    return void res.status(400).json(errorBody("INVALID_DATA", `per_page must be 1 to ${MAX_PER_PAGE}`, { param_name: "per_page" }));
  if (req.query.page !== undefined && req.query.page_token !== undefined)
    return void res.status(400).json(errorBody("INVALID_REQUEST", "page and page_token cannot be used together", {}));
  let offset: number;
  let page: number;
  if (typeof req.query.page_token === "string") {
    const token = decodeToken(req.query.page_token);
    if (!token || token.perPage !== perPage)
      return void res.status(400).json(errorBody("INVALID_DATA", "the page token is invalid or was made for another per_page", { param_name: "page_token" }));
    offset = token.offset;
    page = Math.floor(offset / perPage) + 1;
  } else {
    page = req.query.page === undefined ? 1 : Number(req.query.page);
    if (!Number.isInteger(page) || page < 1)
      return void res.status(400).json(errorBody("INVALID_DATA", "page must be a positive integer", { param_name: "page" }));
    offset = (page - 1) * perPage;
    if (offset >= PAGE_NUMBER_LIMIT) {
      return void res
        .status(400)
        .json(
          errorBody("DISCRETE_PAGINATION_LIMIT_EXCEEDED", `records past ${PAGE_NUMBER_LIMIT} can be read only with page_token`, { limit: PAGE_NUMBER_LIMIT }),
        );
    }
  }
  const data = rows.slice(offset, offset + perPage);
  if (!data.length) return void res.status(204).end();
  const more = offset + perPage < rows.length;
  res.json({
    data,
    info: {
      per_page: perPage,
      count: data.length,
      page,
      more_records: more,
      next_page_token: more ? encodeToken(offset + perPage, perPage) : null,
      previous_page_token: null,
    },
  });
}
