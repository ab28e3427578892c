import type { RecordBase } from "../common/record-base";
import type { ListCriteria, PageRequest } from "../common/record-store";
import type { ZohoRecordCodec } from "./zoho-record-codec";
import { decodePagePosition, encodePagePosition, type PagePosition } from "./zoho-page-cursor";
import { isPastWindow, isUnfiltered, matchesCriteria, type VendorQuery } from "./zoho-list-query";
import { MAX_PER_PAGE, type ZohoPageReader } from "./zoho-page-reader";

export interface WalkedPage<T> {
  records: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Where a walk starts: the client's cursor, or page one at a size that fits the request. */
function startOf(criteria: ListCriteria, page: PageRequest): PagePosition {
  if (page.after) return decodePagePosition(page.after);
  const perPage = isUnfiltered(criteria) ? Math.min(Math.max(page.first, 1), MAX_PER_PAGE) : MAX_PER_PAGE;
  return { page: 1, token: null, skip: 0, perPage };
}

/**
 * One page of records for a client: the vendor's pages read until `page.first` records match the criteria (the
 * filters the vendor's query cannot express apply here), with a cursor just past the last record taken.
 */
export async function walkList<T extends RecordBase>(
  reader: ZohoPageReader,
  codec: ZohoRecordCodec,
  query: VendorQuery,
  criteria: ListCriteria,
  page: PageRequest,
): Promise<WalkedPage<T>> {
  const unfiltered = isUnfiltered(criteria);
  let position = startOf(criteria, page);
  const records: T[] = [];
  let end: PagePosition | null = null;
  let hasNextPage = false;
  walk: for (;;) {
    const fetched = await reader.fetchPage(query, position);
    for (let index = position.skip; index < fetched.rows.length; index += 1) {
      const record = codec.decodeRecord<T>(fetched.rows[index]);
      if (isPastWindow(criteria, page, record)) break walk;
      if (!matchesCriteria(criteria, record)) continue;
      if (records.length === page.first) {
        hasNextPage = true;
        break walk;
      }
      records.push(record);
      end = { ...position, skip: index + 1 };
    }
    if (!fetched.more) break;
    const next = { page: position.page + 1, token: fetched.nextToken, skip: 0, perPage: position.perPage };
    if (end && end.page === position.page && end.skip >= fetched.rows.length) end = next;
    // The vendor says more records follow, and none is left out on our side: no need to read them now.
    if (unfiltered && records.length === page.first) {
      hasNextPage = true;
      break;
    }
    position = next;
  }
  return { records, hasNextPage, endCursor: end ? encodePagePosition(end) : null };
}
