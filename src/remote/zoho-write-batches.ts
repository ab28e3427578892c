import { chunk } from "../common/chunk";
import { NotFoundError } from "../errors/app-error";
import type { SystemName } from "../fields/field-definition.entity";
import type { ZohoTransport } from "./transport/zoho-transport";
import { WRITE_BATCH } from "./zoho-modules";
import type { ZohoRecordCodec } from "./zoho-record-codec";
import { recordError, VendorError, type ZohoRecordResult } from "./zoho-record-result";

type WriteAnswer = { data?: ZohoRecordResult[] } & Partial<ZohoRecordResult>;

/** Writes to the vendor: up to 100 records a request, each record's result read from the answer. */
export class ZohoWriteBatches {
  constructor(
    private readonly transport: ZohoTransport,
    private readonly system: SystemName,
  ) {}

  /**
   * Inserts in batches of 100 and returns the new ids. The vendor may accept some records of a batch and refuse
   * others (207): then the accepted ones are deleted again and the first refusal is thrown (all-or-nothing).
   */
  async insert(codec: ZohoRecordCodec, values: object[]): Promise<string[]> {
    const ids: string[] = [];
    for (const part of chunk(values, WRITE_BATCH)) {
      const response = await this.transport.request<WriteAnswer>({
        method: "POST",
        path: `/${codec.spec.vendorModule}`,
        body: { data: part.map((input) => codec.encode(input)) },
      });
      const results = this.results(response.body, codec, part.length);
      ids.push(...results.filter((r) => r.status === "success").map((r) => this.createdId(r, codec)));
      const refused = results.find((r) => r.status !== "success");
      if (refused) {
        await this.deleteQuietly(codec, ids);
        throw this.error(refused, codec);
      }
    }
    return ids;
  }

  async updateOne(codec: ZohoRecordCodec, id: string, patch: object): Promise<void> {
    const response = await this.transport.request<WriteAnswer>({
      method: "PUT",
      path: `/${codec.spec.vendorModule}/${encodeURIComponent(id)}`,
      body: { data: [codec.encode(patch)] },
    });
    const [result] = this.results(response.body, codec, 1, response.status === 404 ? id : null);
    if (result.status !== "success") throw this.error(result, codec);
  }

  /** Updates up to 100 encoded rows in one request; a refusal is thrown as `errorCodec`'s (line items name their own fields). */
  async updateRows(codec: ZohoRecordCodec, rows: object[], errorCodec: ZohoRecordCodec): Promise<void> {
    const response = await this.transport.request<WriteAnswer>({ method: "PUT", path: `/${codec.spec.vendorModule}`, body: { data: rows } });
    const refused = this.results(response.body, codec, rows.length).find((r) => r.status !== "success");
    if (refused) throw this.error(refused, errorCodec);
  }

  /** False when the vendor does not know the id. */
  async deleteOne(codec: ZohoRecordCodec, id: string): Promise<boolean> {
    const response = await this.transport.request<WriteAnswer>({ method: "DELETE", path: `/${codec.spec.vendorModule}/${encodeURIComponent(id)}` });
    const [result] = this.results(response.body, codec, 1, response.status === 404 ? id : null);
    if (result.status === "success") return true;
    if (this.error(result, codec) instanceof NotFoundError) return false;
    throw this.error(result, codec);
  }

  /** Per-record results of a write, whether the answer is 200/201/207 with `data` or an error body for the whole call. */
  private results(body: WriteAnswer | null, codec: ZohoRecordCodec, expected: number, missingId: string | null = null): ZohoRecordResult[] {
    if (body?.data && Array.isArray(body.data) && body.data.length === expected) return body.data;
    if (missingId) return [{ code: "INVALID_DATA", details: { id: missingId }, message: "the id given seems to be invalid", status: "error" }];
    if (body?.code) return Array.from({ length: expected }, () => body as ZohoRecordResult);
    throw new VendorError("UNEXPECTED_RESPONSE", `${this.system} ${codec.spec.vendorModule}: a write's answer has no per-record results`);
  }

  private createdId(result: ZohoRecordResult, codec: ZohoRecordCodec): string {
    if (result.details?.id === undefined)
      throw new VendorError("UNEXPECTED_RESPONSE", `${this.system} ${codec.spec.vendorModule}: a created record's result has no id`);
    return String(result.details.id);
  }

  private error(result: ZohoRecordResult, codec: ZohoRecordCodec): Error {
    return recordError(result, this.system, codec.spec.vendorModule, codec.defs, (def) => codec.wirePathOfField(def.fieldName)?.path[0] ?? def.apiName);
  }

  private async deleteQuietly(codec: ZohoRecordCodec, ids: string[]): Promise<void> {
    for (const part of chunk(ids, WRITE_BATCH)) {
      await this.transport.request({ method: "DELETE", path: `/${codec.spec.vendorModule}`, query: { ids: part.join(",") } }).catch(() => undefined);
    }
  }
}
