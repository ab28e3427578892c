import { chunk } from "../common/chunk";
import type { SystemName } from "../fields/field-definition.entity";
import type { ZohoTransport } from "./transport/zoho-transport";
import { WRITE_BATCH } from "./zoho-modules";
import type { ZohoRecordCodec, ZohoRow } from "./zoho-record-codec";
import { VendorError, type ZohoRecordResult } from "./zoho-record-result";
import type { PagePosition } from "./zoho-page-cursor";
import type { VendorQuery } from "./zoho-list-query";

export const MAX_PER_PAGE = 200;
/** Records reachable by page number; past them the vendor wants the previous page's next_page_token. */
export const PAGE_NUMBER_LIMIT = 2000;

/** A list's answer: its rows, or (with an error status) the vendor's code and message instead. */
interface ListEnvelope extends Partial<Pick<ZohoRecordResult, "code" | "message">> {
  data?: ZohoRow[];
  info?: { more_records?: boolean; next_page_token?: string | null };
}

/** One page of a vendor list or search, and where the next one is. */
export interface VendorPage {
  rows: ZohoRow[];
  more: boolean;
  nextToken: string | null;
}

/** Reads the vendor's rows: page by page (by number, then by token), or by id in batches of 100. */
export class ZohoPageReader {
  constructor(
    private readonly transport: ZohoTransport,
    private readonly system: SystemName,
  ) {}

  async fetchPage(query: VendorQuery, position: PagePosition): Promise<VendorPage> {
    const byToken = (position.page - 1) * position.perPage >= PAGE_NUMBER_LIMIT;
    const token = position.token;
    if (byToken && !token) throw new VendorError("NO_PAGE_TOKEN", `${query.path}: no page token to read past ${PAGE_NUMBER_LIMIT} records`);
    const params = { ...query.params, per_page: String(position.perPage), ...(byToken && token ? { page_token: token } : { page: String(position.page) }) };
    const response = await this.transport.request<ListEnvelope>({ method: "GET", path: query.path, query: params });
    const rows = this.listed(response.status, response.body, query.path);
    return { rows, more: rows.length > 0 && Boolean(response.body?.info?.more_records), nextToken: response.body?.info?.next_page_token ?? null };
  }

  /** Every row of a search or list, page after page (page tokens past 2,000). */
  async readAll(query: VendorQuery): Promise<ZohoRow[]> {
    const rows: ZohoRow[] = [];
    let position: PagePosition = { page: 1, token: null, skip: 0, perPage: MAX_PER_PAGE };
    for (;;) {
      const fetched = await this.fetchPage(query, position);
      rows.push(...fetched.rows);
      if (!fetched.more) return rows;
      position = { ...position, page: position.page + 1, token: fetched.nextToken };
    }
  }

  /** The vendor's rows with these ids: `GET /{Module}?ids=…`, up to 100 ids a request. */
  async rowsByIds(codec: ZohoRecordCodec, ids: readonly string[]): Promise<ZohoRow[]> {
    const rows: ZohoRow[] = [];
    for (const part of chunk([...new Set(ids)], WRITE_BATCH)) {
      const params = { ids: part.join(","), fields: codec.wireFieldNames().join(",") };
      const response = await this.transport.request<ListEnvelope>({ method: "GET", path: `/${codec.spec.vendorModule}`, query: params });
      rows.push(...this.listed(response.status, response.body, codec.spec.vendorModule));
    }
    return rows;
  }

  /** A list's rows: an empty 204 means none. */
  private listed(status: number, body: ListEnvelope | null, what: string): ZohoRow[] {
    if (status === 204 || !body) return [];
    if (status !== 200 || !Array.isArray(body.data)) {
      throw new VendorError(body.code ?? `HTTP_${status}`, `${this.system} ${what}: ${body.message ?? `HTTP ${status}`}`);
    }
    return body.data;
  }
}
