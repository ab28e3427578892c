import { chunk } from "../common/chunk";
import type { RecordBase } from "../common/record-base";
import type { Actor, ListCriteria, PageRequest, RecordInput, RecordPage, RecordStore, StoreTransaction } from "../common/record-store";
import { NotFoundError } from "../errors/app-error";
import { SystemName } from "../fields/field-definition.entity";
import type { ZohoTransport } from "./transport/zoho-transport";
import { WRITE_BATCH, moduleSpec } from "./zoho-modules";
import { ZohoRecordCodec, type FieldSource, type ZohoRow } from "./zoho-record-codec";
import { recordError, VendorError, type ZohoRecordResult } from "./zoho-record-result";
import { decodePagePosition, encodePagePosition, type PagePosition } from "./zoho-page-cursor";
import { MAX_CRITERIA, escapeCriteriaValue, isPastWindow, isUnfiltered, listQuery, matchesCriteria, type VendorQuery } from "./zoho-list-query";
import { ZohoSubforms } from "./zoho-subforms";
import type { RecordAuthors } from "./authorship/record-authors";

export const MAX_PER_PAGE = 200;
/** Records reachable by page number; past them the vendor wants the previous page's next_page_token. */
export const PAGE_NUMBER_LIMIT = 2000;

interface ListEnvelope {
  data?: ZohoRow[];
  info?: { more_records?: boolean; next_page_token?: string | null };
}

interface VendorPage {
  rows: ZohoRow[];
  more: boolean;
  nextToken: string | null;
}

/**
 * A system's records over the vendor's REST API (Zoho CRM v8 or FSM v1). Cannot join the gateway's
 * transaction: every write is the vendor's own commit (see docs/operations.md "Remote connectors" for the order chosen).
 * Batches like the embedded store: one request per 100 ids, per 100 written records, per search of 10 values.
 */
export class ZohoRecordStore<Records extends { [module: string]: RecordBase }> implements RecordStore<Records> {
  private readonly subforms: ZohoSubforms;

  constructor(
    private readonly transport: ZohoTransport,
    private readonly system: SystemName,
    private readonly fields: FieldSource,
    private readonly authors: RecordAuthors,
  ) {
    this.subforms = new ZohoSubforms(this, system);
  }

  async codec(module: string): Promise<ZohoRecordCodec> {
    return new ZohoRecordCodec(moduleSpec(this.system, module), await this.fields.definitionsOf(this.system, module));
  }

  async list<M extends keyof Records & string>(module: M, criteria: ListCriteria, page: PageRequest): Promise<RecordPage<Records[M]>> {
    const codec = await this.codec(module);
    if (codec.spec.subform) return this.subforms.listRows(codec, criteria, page) as Promise<RecordPage<Records[M]>>;
    const query = listQuery(codec, criteria, page);
    const unfiltered = isUnfiltered(criteria);
    let position: PagePosition = page.after
      ? decodePagePosition(page.after)
      : { page: 1, token: null, skip: 0, perPage: unfiltered ? Math.min(Math.max(page.first, 1), MAX_PER_PAGE) : MAX_PER_PAGE };
    const records: Records[M][] = [];
    let end: PagePosition | null = null;
    let hasNextPage = false;
    walk: for (;;) {
      const fetched = await this.fetchPage(query, position);
      for (let index = position.skip; index < fetched.rows.length; index += 1) {
        const record = codec.decodeRecord<Records[M]>(fetched.rows[index]);
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
    return {
      records: await this.authors.overlay(this.system, module, records),
      hasNextPage,
      endCursor: end ? encodePagePosition(end) : null,
      countTotal: () => this.count(codec, query, criteria, page),
    };
  }

  async getMany<M extends keyof Records & string>(module: M, ids: readonly string[], tx?: StoreTransaction): Promise<Records[M][]> {
    return this.authors.overlay(this.system, module, await this.readByIds(module, ids), tx);
  }

  /** As the vendor has them: authored by the OAuth user where the gateway wrote them. */
  private async readByIds<M extends keyof Records & string>(module: M, ids: readonly string[]): Promise<Records[M][]> {
    const codec = this.topLevel(await this.codec(module));
    return (await this.rowsByIds(codec, ids)).map((row) => codec.decodeRecord<Records[M]>(row));
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

  async findByReference<M extends keyof Records & string>(module: M, field: keyof Records[M] & string, values: readonly string[], tx?: StoreTransaction): Promise<Records[M][]> {
    const codec = await this.codec(module);
    if (codec.spec.subform) return this.subforms.rowsOf(codec, field, values) as Promise<Records[M][]>;
    if (field === "id") return this.getMany(module, values, tx);
    const wire = codec.wirePathOfField(field);
    if (!wire || wire.path.length !== 1) throw new Error(`${this.system} ${module}: ${field} cannot be searched`);
    const wanted = new Set(values.map(String));
    const queries = this.system === SystemName.CRM
      ? chunk([...wanted], MAX_CRITERIA).map((part) => ({
          path: `/${codec.spec.vendorModule}/search`,
          params: { criteria: `(${part.map((v) => `(${wire.path[0]}:equals:${escapeCriteriaValue(v)})`).join("or")})` },
        }))
      : // The FSM's search takes one value: one request per value, sent together.
        [...wanted].map((v) => ({ path: `/${codec.spec.vendorModule}/search`, params: { api_name: wire.path[0], value: escapeCriteriaValue(v), comparator: "equal" } }));
    const found = (await Promise.all(queries.map((query) => this.readAll(query)))).flat();
    const records = found.map((row) => codec.decodeRecord<Records[M]>(row)).filter((r) => wanted.has(String(r[field])));
    return this.authors.overlay(this.system, module, [...new Map(records.map((r) => [r.id, r])).values()], tx);
  }

  async create<M extends keyof Records & string>(module: M, values: RecordInput<Records[M]>, actor: Actor, tx?: StoreTransaction): Promise<Records[M]> {
    return (await this.createMany(module, [values], actor, tx))[0];
  }

  /**
   * Inserts in batches of 100. The vendor may accept some records of a batch and refuse others (207): then the
   * accepted ones are deleted again and the first refusal is thrown, so a createMany stays all-or-nothing.
   */
  async createMany<M extends keyof Records & string>(module: M, values: RecordInput<Records[M]>[], actor: Actor, tx?: StoreTransaction): Promise<Records[M][]> {
    const codec = await this.codec(module);
    if (codec.spec.subform) return this.subforms.addRows(codec, values as object[]) as Promise<Records[M][]>;
    const ids: string[] = [];
    for (const part of chunk(values, WRITE_BATCH)) {
      const response = await this.transport.request<{ data?: ZohoRecordResult[] } & Partial<ZohoRecordResult>>({
        method: "POST", path: `/${codec.spec.vendorModule}`, body: { data: part.map((input) => codec.encode(input)) },
      });
      const results = this.results(response.body, codec, part.length);
      ids.push(...results.filter((r) => r.status === "success").map((r) => String(r.details!.id)));
      const refused = results.find((r) => r.status !== "success");
      if (refused) {
        await this.deleteQuietly(codec, ids);
        throw this.error(refused, codec);
      }
    }
    const byId = new Map((await this.readByIds(module, ids)).map((r) => [r.id, r]));
    const records = ids.map((id) => byId.get(id)!).filter(Boolean);
    return this.authors.noteWrite(this.system, module, records, actor, true, tx);
  }

  async update<M extends keyof Records & string>(module: M, id: string, patch: RecordInput<Records[M]>, actor: Actor, tx?: StoreTransaction): Promise<Records[M]> {
    const codec = this.topLevel(await this.codec(module));
    const response = await this.transport.request<{ data?: ZohoRecordResult[] } & Partial<ZohoRecordResult>>({
      method: "PUT", path: `/${codec.spec.vendorModule}/${encodeURIComponent(id)}`, body: { data: [codec.encode(patch)] },
    });
    const [result] = this.results(response.body, codec, 1, response.status === 404 ? id : null);
    if (result.status !== "success") throw this.error(result, codec);
    const [record] = await this.readByIds(module, [id]);
    if (!record) throw new NotFoundError(`${this.system} ${module} record`, id);
    return (await this.authors.noteWrite(this.system, module, [record], actor, false, tx))[0];
  }

  async delete<M extends keyof Records & string>(module: M, id: string, tx?: StoreTransaction): Promise<boolean> {
    const codec = this.topLevel(await this.codec(module));
    const response = await this.transport.request<{ data?: ZohoRecordResult[] } & Partial<ZohoRecordResult>>({
      method: "DELETE", path: `/${codec.spec.vendorModule}/${encodeURIComponent(id)}`,
    });
    const [result] = this.results(response.body, codec, 1, response.status === 404 ? id : null);
    if (result.status === "success") {
      await this.authors.forget(this.system, module, id, tx);
      return true;
    }
    if (this.error(result, codec) instanceof NotFoundError) return false;
    throw this.error(result, codec);
  }

  transportRequest(request: Parameters<ZohoTransport["request"]>[0]) {
    return this.transport.request(request);
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

  /** Per-record results of a write, whether the answer is 200/201/207 with `data` or an error body for the whole call. */
  results(body: ({ data?: ZohoRecordResult[] } & Partial<ZohoRecordResult>) | null, codec: ZohoRecordCodec, expected: number, missingId: string | null = null): ZohoRecordResult[] {
    if (body?.data && Array.isArray(body.data) && body.data.length === expected) return body.data;
    if (missingId) return [{ code: "INVALID_DATA", details: { id: missingId }, message: "the id given seems to be invalid", status: "error" }];
    if (body?.code) return Array.from({ length: expected }, () => body as ZohoRecordResult);
    throw new VendorError("UNEXPECTED_RESPONSE", `${this.system} ${codec.spec.vendorModule}: a write's answer has no per-record results`);
  }

  error(result: ZohoRecordResult, codec: ZohoRecordCodec): Error {
    return recordError(result, this.system, codec.spec.vendorModule, codec.defs, (def) => codec.wirePathOfField(def.fieldName)?.path[0] ?? def.apiName);
  }

  private async fetchPage(query: VendorQuery, position: PagePosition): Promise<VendorPage> {
    const byToken = (position.page - 1) * position.perPage >= PAGE_NUMBER_LIMIT;
    if (byToken && !position.token) throw new VendorError("NO_PAGE_TOKEN", `${query.path}: no page token to read past ${PAGE_NUMBER_LIMIT} records`);
    const params = { ...query.params, per_page: String(position.perPage), ...(byToken ? { page_token: position.token! } : { page: String(position.page) }) };
    const response = await this.transport.request<ListEnvelope>({ method: "GET", path: query.path, query: params });
    const rows = this.listed(response.status, response.body, query.path);
    return { rows, more: rows.length > 0 && Boolean(response.body?.info?.more_records), nextToken: response.body?.info?.next_page_token ?? null };
  }

  /** A list's rows: an empty 204 means none. */
  private listed(status: number, body: ListEnvelope | null, what: string): ZohoRow[] {
    if (status === 204 || !body) return [];
    if (status !== 200 || !Array.isArray(body.data)) {
      const error = body as unknown as Partial<ZohoRecordResult>;
      throw new VendorError(error.code ?? `HTTP_${status}`, `${this.system} ${what}: ${error.message ?? `HTTP ${status}`}`);
    }
    return body.data;
  }

  private async count(codec: ZohoRecordCodec, query: VendorQuery, criteria: ListCriteria, page: PageRequest): Promise<number> {
    return (await this.readAll(query)).map((row) => codec.decodeRecord(row)).filter((r) => matchesCriteria(criteria, r) && !isPastWindow(criteria, page, r)).length;
  }

  private async deleteQuietly(codec: ZohoRecordCodec, ids: string[]): Promise<void> {
    for (const part of chunk(ids, WRITE_BATCH)) {
      await this.transport.request({ method: "DELETE", path: `/${codec.spec.vendorModule}`, query: { ids: part.join(",") } }).catch(() => undefined);
    }
  }

  private topLevel(codec: ZohoRecordCodec): ZohoRecordCodec {
    if (codec.spec.subform) throw new Error(`${this.system} ${codec.spec.vendorModule}: line items are read and written through their ${codec.spec.subform.parentModule}`);
    return codec;
  }
}
