import type { RecordBase } from "../common/record-base";
import type { Actor, ListCriteria, PageRequest, RecordInput, RecordPage, RecordStore, StoreTransaction } from "../common/record-store";
import { NotFoundError } from "../errors/app-error";
import type { SystemName } from "../fields/field-definition.entity";
import type { ZohoTransport } from "./transport/zoho-transport";
import { moduleSpec } from "./zoho-modules";
import { ZohoRecordCodec, type FieldSource } from "./zoho-record-codec";
import { isPastWindow, listQuery, matchesCriteria, type VendorQuery } from "./zoho-list-query";
import { ZohoPageReader } from "./zoho-page-reader";
import { walkList } from "./zoho-list-walk";
import { ZohoWriteBatches } from "./zoho-write-batches";
import { referenceSearches } from "./zoho-reference-search";
import { ZohoSubforms } from "./zoho-subforms";
import type { RecordAuthors } from "./authorship/record-authors";

/**
 * A system's records over the vendor's REST API (Zoho CRM v8 or FSM v1). Cannot join the gateway's
 * transaction: every write is the vendor's own commit (see docs/operations.md "Remote connectors" for the order chosen).
 * Batches like the embedded store: one request per 100 ids, per 100 written records, per search of 10 values.
 */
export class ZohoRecordStore<Records extends { [module: string]: RecordBase }> implements RecordStore<Records> {
  private readonly reader: ZohoPageReader;
  private readonly writer: ZohoWriteBatches;
  private readonly subforms: ZohoSubforms;

  constructor(
    transport: ZohoTransport,
    private readonly system: SystemName,
    private readonly fields: FieldSource,
    private readonly authors: RecordAuthors,
  ) {
    this.reader = new ZohoPageReader(transport, system);
    this.writer = new ZohoWriteBatches(transport, system);
    this.subforms = new ZohoSubforms((module) => this.codec(module), this.reader, this.writer, system);
  }

  async codec(module: string): Promise<ZohoRecordCodec> {
    return new ZohoRecordCodec(moduleSpec(this.system, module), await this.fields.definitionsOf(this.system, module));
  }

  async list<M extends keyof Records & string>(module: M, criteria: ListCriteria, page: PageRequest): Promise<RecordPage<Records[M]>> {
    const codec = await this.codec(module);
    if (codec.spec.subform) return this.subforms.listRows(codec, criteria, page) as Promise<RecordPage<Records[M]>>;
    const query = listQuery(codec, criteria, page);
    const walked = await walkList<Records[M]>(this.reader, codec, query, criteria, page);
    return {
      ...walked,
      records: await this.authors.overlay(this.system, module, walked.records),
      countTotal: () => this.count(codec, query, criteria, page),
    };
  }

  async getMany<M extends keyof Records & string>(module: M, ids: readonly string[], tx?: StoreTransaction): Promise<Records[M][]> {
    return this.authors.overlay(this.system, module, await this.readByIds(module, ids), tx);
  }

  async findByReference<M extends keyof Records & string>(
    module: M,
    field: keyof Records[M] & string,
    values: readonly string[],
    tx?: StoreTransaction,
  ): Promise<Records[M][]> {
    const codec = await this.codec(module);
    if (codec.spec.subform) return this.subforms.rowsOf(codec, field, values) as Promise<Records[M][]>;
    if (field === "id") return this.getMany(module, values, tx);
    const wire = codec.wirePathOfField(field);
    if (!wire || wire.path.length !== 1) throw new Error(`${this.system} ${module}: ${field} cannot be searched`);
    const wanted = new Set(values.map(String));
    // The FSM's searches (one per value) are sent together.
    const searches = referenceSearches(this.system, codec.spec.vendorModule, wire.path[0], [...wanted]);
    const found = (await Promise.all(searches.map((query) => this.reader.readAll(query)))).flat();
    const records = found.map((row) => codec.decodeRecord<Records[M]>(row)).filter((r) => wanted.has(String(r[field])));
    return this.authors.overlay(this.system, module, [...new Map(records.map((r) => [r.id, r])).values()], tx);
  }

  async create<M extends keyof Records & string>(module: M, values: RecordInput<Records[M]>, actor: Actor, tx?: StoreTransaction): Promise<Records[M]> {
    return (await this.createMany(module, [values], actor, tx))[0];
  }

  /** All-or-nothing, in batches of 100 (see ZohoWriteBatches.insert). */
  async createMany<M extends keyof Records & string>(module: M, values: RecordInput<Records[M]>[], actor: Actor, tx?: StoreTransaction): Promise<Records[M][]> {
    const codec = await this.codec(module);
    if (codec.spec.subform) return this.subforms.addRows(codec, values) as Promise<Records[M][]>;
    const ids = await this.writer.insert(codec, values);
    const byId = new Map((await this.readByIds(module, ids)).map((r) => [r.id, r]));
    const records = ids.flatMap((id) => byId.get(id) ?? []);
    return this.authors.noteWrite(this.system, module, records, actor, true, tx);
  }

  async update<M extends keyof Records & string>(
    module: M,
    id: string,
    patch: RecordInput<Records[M]>,
    actor: Actor,
    tx?: StoreTransaction,
  ): Promise<Records[M]> {
    await this.writer.updateOne(this.topLevel(await this.codec(module)), id, patch);
    const [record] = await this.readByIds(module, [id]);
    if (!record) throw new NotFoundError(`${this.system} ${module} record`, id);
    return (await this.authors.noteWrite(this.system, module, [record], actor, false, tx))[0];
  }

  async delete<M extends keyof Records & string>(module: M, id: string, tx?: StoreTransaction): Promise<boolean> {
    const codec = await this.codec(module);
    if (codec.spec.subform)
      throw new Error(`${this.system} ${codec.spec.vendorModule}: line items change with their ${codec.spec.subform.parentModule} (replaceRows)`);
    if (!(await this.writer.deleteOne(codec, id))) return false;
    await this.authors.forget(this.system, module, id, tx);
    return true;
  }

  /** Rows carry their parent's times and authors, so the actor is not noted separately. */
  async replaceRows<M extends keyof Records & string>(
    module: M,
    parentId: string,
    rows: RecordInput<Records[M]>[],
    _actor: Actor,
    _tx?: StoreTransaction,
  ): Promise<Records[M][]> {
    const codec = await this.codec(module);
    if (!codec.spec.subform) throw new Error(`${this.system} ${module} is not a line-item module`);
    return this.subforms.replaceRows(codec, parentId, rows) as Promise<Records[M][]>;
  }

  /** As the vendor has them: authored by the OAuth user where the gateway wrote them. */
  private async readByIds<M extends keyof Records & string>(module: M, ids: readonly string[]): Promise<Records[M][]> {
    const codec = this.topLevel(await this.codec(module));
    return (await this.reader.rowsByIds(codec, ids)).map((row) => codec.decodeRecord<Records[M]>(row));
  }

  private async count(codec: ZohoRecordCodec, query: VendorQuery, criteria: ListCriteria, page: PageRequest): Promise<number> {
    return (await this.reader.readAll(query))
      .map((row) => codec.decodeRecord(row))
      .filter((r) => matchesCriteria(criteria, r) && !isPastWindow(criteria, page, r)).length;
  }

  private topLevel(codec: ZohoRecordCodec): ZohoRecordCodec {
    if (codec.spec.subform)
      throw new Error(`${this.system} ${codec.spec.vendorModule}: line items are read and written through their ${codec.spec.subform.parentModule}`);
    return codec;
  }
}
