import { chunk } from "../common/chunk";
import type { RecordBase } from "../common/record-base";
import type { ListCriteria, PageRequest, RecordPage } from "../common/record-store";
import { matchesCriteria } from "./zoho-list-query";
import { decodePagePosition, encodePagePosition } from "./zoho-page-cursor";
import { NotFoundError } from "../errors/app-error";
import type { SystemName } from "../fields/field-definition.entity";
import type { ZohoRecordCodec, ZohoRow } from "./zoho-record-codec";
import type { ZohoPageReader } from "./zoho-page-reader";
import type { ZohoWriteBatches } from "./zoho-write-batches";
import { WRITE_BATCH } from "./zoho-modules";
import type { SubformSpec } from "../modules/module-facts";
import { VendorError } from "./zoho-record-result";

function rowsOf(parent: ZohoRow | undefined, field: string): ZohoRow[] {
  const rows = parent?.[field];
  return Array.isArray(rows) ? (rows as ZohoRow[]) : [];
}

/** Only line-item modules are routed here (ZohoRecordStore checks `spec.subform`). */
function subformOf(codec: ZohoRecordCodec): SubformSpec {
  const sub = codec.spec.subform;
  if (!sub) throw new Error(`${codec.spec.vendorModule} is not a subform module`);
  return sub;
}

/**
 * Line items are rows of a subform on their parent (Sales_Orders.Ordered_Items, Work_Orders.Service_Line_Items):
 * read with the parents (one request per 100 parents) and added by updating the parents.
 */
export class ZohoSubforms {
  constructor(
    private readonly codecOf: (module: string) => Promise<ZohoRecordCodec>,
    private readonly reader: ZohoPageReader,
    private readonly writer: ZohoWriteBatches,
    private readonly system: SystemName,
  ) {}

  async rowsOf(codec: ZohoRecordCodec, field: string, parentIds: readonly string[]): Promise<RecordBase[]> {
    const sub = subformOf(codec);
    if (field !== sub.parentField) throw new Error(`${this.system} ${codec.spec.vendorModule} ${sub.vendorField}: rows are found by ${sub.parentField} only`);
    const parents = await this.reader.rowsByIds(await this.codecOf(sub.parentModule), parentIds);
    return parents.flatMap((parent) => rowsOf(parent, sub.vendorField).map((row) => this.decodeRow(codec, parent, row)));
  }

  /**
   * Every row of every parent, filtered and ordered here: the vendors have no list of line items, so this reads
   * all parents (200 a request). Meant for counts and small organisations, not for walks over large ones.
   */
  async listRows(codec: ZohoRecordCodec, criteria: ListCriteria, page: PageRequest): Promise<RecordPage<RecordBase>> {
    const sub = subformOf(codec);
    const parentCodec = await this.codecOf(sub.parentModule);
    const parents = await this.reader.readAll({
      path: `/${parentCodec.spec.vendorModule}`,
      params: { fields: parentCodec.wireFieldNames().join(","), sort_by: "Created_Time", sort_order: "asc" },
    });
    const orderBy = page.orderBy ?? "modifiedTime";
    const sign = page.direction === "ASC" ? 1 : -1;
    const rows = parents
      .flatMap((parent) => rowsOf(parent, sub.vendorField).map((row) => this.decodeRow(codec, parent, row)))
      .filter((row) => matchesCriteria(criteria, row))
      .sort((a, b) => sign * (a[orderBy].getTime() - b[orderBy].getTime() || a.id.localeCompare(b.id)));
    const offset = page.after ? decodePagePosition(page.after).skip : 0;
    const records = rows.slice(offset, offset + page.first);
    return {
      records,
      hasNextPage: offset + page.first < rows.length,
      endCursor: records.length ? encodePagePosition({ page: 0, token: null, skip: offset + records.length, perPage: 0 }) : null,
      countTotal: async () => rows.length,
    };
  }

  /** Adds rows to their parents: one update per 100 parents, then the parents read back for the rows' new ids. */
  async addRows(codec: ZohoRecordCodec, values: object[]): Promise<RecordBase[]> {
    const sub = subformOf(codec);
    const parentCodec = await this.codecOf(sub.parentModule);
    const parentOf = (value: object) => String((value as Record<string, unknown>)[sub.parentField]);
    const parentIds = [...new Set(values.map(parentOf))];
    const before = new Map((await this.reader.rowsByIds(parentCodec, parentIds)).map((row) => [String(row.id), row]));
    const missing = parentIds.find((id) => !before.has(id));
    if (missing) throw new NotFoundError(`${this.system} ${sub.parentModule} record`, missing);
    const updates = parentIds.map((id) => ({
      id,
      [sub.vendorField]: [
        // The CRM replaces a subform with the rows sent: the existing ones go along by id to stay.
        ...(sub.replacesRows ? rowsOf(before.get(id), sub.vendorField).map((row) => ({ id: row.id })) : []),
        ...values.filter((value) => parentOf(value) === id).map((value) => codec.encode(value)),
      ],
    }));
    for (const part of chunk(updates, WRITE_BATCH)) await this.writer.updateRows(parentCodec, part, codec);
    const after = new Map((await this.reader.rowsByIds(parentCodec, parentIds)).map((row) => [String(row.id), row]));
    const added = new Map(
      parentIds.map((id) => {
        const old = new Set(rowsOf(before.get(id), sub.vendorField).map((row) => String(row.id)));
        const parent = after.get(id);
        const rows = parent
          ? rowsOf(parent, sub.vendorField)
              .filter((row) => !old.has(String(row.id)))
              .map((row) => this.decodeRow(codec, parent, row))
          : [];
        return [id, rows];
      }),
    );
    return values.map((value) => {
      const row = added.get(parentOf(value))?.shift();
      if (!row)
        throw new VendorError(
          "UNEXPECTED_RESPONSE",
          `${this.system} ${sub.parentModule} ${parentOf(value)}: an added ${sub.vendorField} row is missing when read back`,
        );
      return row;
    });
  }

  /**
   * One parent's rows become `values`, in one update of the parent: the CRM drops the rows left out; the FSM
   * adds what it is sent, so its old rows go along marked $fsm_delete.
   */
  async replaceRows(codec: ZohoRecordCodec, parentId: string, values: object[]): Promise<RecordBase[]> {
    const sub = subformOf(codec);
    const parentCodec = await this.codecOf(sub.parentModule);
    const [before] = await this.reader.rowsByIds(parentCodec, [parentId]);
    if (!before) throw new NotFoundError(`${this.system} ${sub.parentModule} record`, parentId);
    const removed = sub.replacesRows ? [] : rowsOf(before, sub.vendorField).map((row) => ({ id: row.id, $fsm_delete: true }));
    const added = values.map((value) => codec.encode({ ...value, [sub.parentField]: parentId }));
    await this.writer.updateRows(parentCodec, [{ id: parentId, [sub.vendorField]: [...removed, ...added] }], codec);
    const [after] = await this.reader.rowsByIds(parentCodec, [parentId]);
    return after ? rowsOf(after, sub.vendorField).map((row) => this.decodeRow(codec, after, row)) : [];
  }

  /** A row has no times or authors of its own: it carries its parent's. */
  private decodeRow(codec: ZohoRecordCodec, parent: ZohoRow, row: ZohoRow): RecordBase {
    const { Created_Time, Modified_Time, Created_By, Modified_By, $version } = parent;
    const record = codec.decodeRecord({ ...row, Created_Time, Modified_Time, Created_By, Modified_By, $version });
    return { ...record, [subformOf(codec).parentField]: String(parent.id) };
  }
}
