import express, { type Request, type Response, type Router } from "express";
import { AppError, NotFoundError } from "../../../src/errors/app-error";
import { RecordRejectedError } from "../../../src/common/record-rejected.error";
import type { RecordBase } from "../../../src/common/record-base";
import type { SystemName } from "../../../src/fields/field-definition.entity";
import { ZOHO_MODULES, moduleOfVendor, moduleSpec } from "../../../src/remote/zoho-modules";
import { ZohoRecordCodec, type ZohoRow } from "../../../src/remote/zoho-record-codec";
import type { EmulatorContext } from "./emulator-context";
import { paged, sortedRecords } from "./paging";
import { errorBody } from "./error-body";

const API_USER = { userId: "zoho-api-user" };
const MAX_WRITE = 100;

/** How the two APIs differ where the emulator cares. */
export interface RecordsDialect {
  system: SystemName;
  /** The CRM refuses a list without `fields`. */
  requiresFields: boolean;
  /** The search's filter from the request's query, or an error body. */
  searchFilter(query: Record<string, unknown>): ((row: ZohoRow) => boolean) | { error: string };
}

/** The documented record endpoints of one API, over an embedded store: envelopes, paging, 204, 207, per-record errors. */
export function createRecordsApi(context: EmulatorContext, dialect: RecordsDialect): Router {
  const router = express.Router();
  const system = dialect.system;
  const store = () => context.stores[system];
  const codecOf = async (module: string) => new ZohoRecordCodec(moduleSpec(system, module), await context.fields.definitionsOf(system, module));
  /** The line-item modules whose rows live in `module`'s records, with their subform. */
  const subformsOf = (module: string) =>
    Object.entries(ZOHO_MODULES[system]).flatMap(([lineModule, spec]) => (spec.subform?.parentModule === module ? [[lineModule, spec.subform] as const] : []));

  router.use(express.json({ limit: "5mb" }));
  router.use((req, res, next) => {
    context.requests.push({ system, method: req.method, path: req.path, query: { ...req.query } });
    const token = /^Zoho-oauthtoken (.+)$/.exec(req.header("authorization") ?? "")?.[1];
    if (!token || !context.acceptsToken(token)) return void res.status(401).json(errorBody("INVALID_TOKEN", "invalid oauth token"));
    next();
  });

  /** Our module for the URL's module, or a 400 INVALID_MODULE. */
  const moduleOf = (req: Request, res: Response): string | null => {
    const module = moduleOfVendor(system, String(req.params.module));
    if (!module) res.status(400).json(errorBody("INVALID_MODULE", "the module name given seems to be invalid", { resource_path_index: 0 }));
    return module;
  };

  /** Records as the API answers them, with their subform rows. */
  const encodeAll = async (module: string, records: RecordBase[]): Promise<ZohoRow[]> => {
    const codec = await codecOf(module);
    const rows = records.map((r) => codec.encodeRecord(r));
    for (const [lineModule, sub] of subformsOf(module)) {
      const lineCodec = await codecOf(lineModule);
      const lines = await store().findByReference(
        lineModule,
        sub.parentField as never,
        records.map((r) => r.id),
      );
      for (const row of rows) {
        const own = lines.filter((l) => (l as unknown as Record<string, unknown>)[sub.parentField] === row.id);
        row[sub.vendorField] = own
          .sort((a, b) => Number((a as { position?: number }).position) - Number((b as { position?: number }).position))
          .map((line) => {
            const { Created_Time: _c, Modified_Time: _m, Created_By: _cb, Modified_By: _mb, $version: _v, ...rest } = lineCodec.encodeRecord(line);
            return rest;
          });
      }
    }
    return rows;
  };

  const onlyFields = (rows: ZohoRow[], fields: unknown): ZohoRow[] => {
    if (typeof fields !== "string" || !fields) return rows;
    const wanted = new Set(fields.split(","));
    return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => key === "id" || key.startsWith("$") || wanted.has(key))));
  };

  const list = (search: boolean) => async (req: Request, res: Response) => {
    const module = moduleOf(req, res);
    if (!module) return;
    if (!search && dialect.requiresFields && !req.query.fields)
      return void res.status(400).json(errorBody("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "fields" }));
    if (typeof req.query.fields === "string" && req.query.fields.split(",").length > 50)
      return void res.status(400).json(errorBody("LIMIT_EXCEEDED", "at most 50 fields", { param_name: "fields" }));
    let records: RecordBase[];
    if (typeof req.query.ids === "string") {
      const ids = req.query.ids.split(",");
      if (ids.length > MAX_WRITE) return void res.status(400).json(errorBody("LIMIT_EXCEEDED", `at most ${MAX_WRITE} ids`, { param_name: "ids" }));
      records = await store().getMany(module, ids);
    } else {
      records = await sortedRecords(store(), module, req.query);
    }
    let rows = await encodeAll(module, records);
    if (search) {
      const filter = dialect.searchFilter(req.query);
      if ("error" in filter) return void res.status(400).json(errorBody("INVALID_QUERY", filter.error));
      rows = rows.filter(filter);
    }
    paged(req, res, onlyFields(rows, req.query.fields));
  };

  router.get("/:module/search", list(true));
  router.get("/:module", list(false));
  router.get("/:module/:id", async (req, res) => {
    const module = moduleOf(req, res);
    if (!module) return;
    const records = await store().getMany(module, [String(req.params.id)]);
    if (!records.length) return void res.status(204).end();
    res.json({ data: await encodeAll(module, records) });
  });

  /** Applies a parent's subform rows: new rows added, rows with $fsm_delete removed, and (CRM) rows left out removed. */
  const writeSubforms = async (module: string, parentId: string, row: ZohoRow) => {
    for (const [lineModule, sub] of subformsOf(module)) {
      const sent = row[sub.vendorField];
      if (!Array.isArray(sent)) continue;
      const lineCodec = await codecOf(lineModule);
      const existing = await store().findByReference(lineModule, sub.parentField as never, [parentId]);
      const mentioned = new Set(sent.filter((r: ZohoRow) => r.id).map((r: ZohoRow) => String(r.id)));
      for (const line of existing) {
        const entry = sent.find((r: ZohoRow) => String(r.id) === line.id) as ZohoRow | undefined;
        if ((sub.replacesRows && !mentioned.has(line.id)) || entry?.$fsm_delete) await store().delete(lineModule, line.id);
        else if (entry && Object.keys(entry).length > 1) await store().update(lineModule, line.id, lineCodec.decode(entry), API_USER);
      }
      const added = sent.filter((r: ZohoRow) => !r.id).map((r: ZohoRow) => ({ ...lineCodec.decode(r), [sub.parentField]: parentId }));
      if (added.length) await store().createMany(lineModule, added, API_USER);
    }
  };

  /** A thrown error as one record's result, the way the API words it. */
  const failure = async (module: string, error: unknown, index: number, id: string | null) => {
    if (error instanceof RecordRejectedError) {
      const wire = (await codecOf(module)).wirePathOfField(error.fieldName)?.path ?? [error.apiName];
      const details = {
        api_name: wire[wire.length - 1],
        json_path: `$.data[${index}].${wire.join(".")}`,
        ...(wire.length > 1 ? { parent_api_name: wire[0] } : {}),
      };
      return errorBody(error.reason, error.message, details);
    }
    if (error instanceof NotFoundError) return errorBody("INVALID_DATA", "the id given seems to be invalid", { id });
    if (error instanceof AppError) return errorBody("INVALID_DATA", error.message, {});
    throw error;
  };

  const success = (record: RecordBase, message: string) => ({
    code: "SUCCESS",
    details: {
      id: record.id,
      Created_Time: record.createdTime.toISOString(),
      Modified_Time: record.modifiedTime.toISOString(),
      Created_By: { id: record.createdBy, name: record.createdBy },
      Modified_By: { id: record.modifiedBy, name: record.modifiedBy },
    },
    message,
    status: "success",
  });

  /** 201/200 when every record went in, 400 when none did, 207 for a mix. */
  const answer = (res: Response, results: { status: string }[], allDone: number) => {
    const ok = results.filter((r) => r.status === "success").length;
    res.status(ok === results.length ? allDone : ok === 0 ? 400 : 207).json({ data: results });
  };

  const rowsOf = (req: Request, res: Response): ZohoRow[] | null => {
    const data = (req.body as { data?: unknown })?.data;
    if (!Array.isArray(data) || !data.length)
      return (void res.status(400).json(errorBody("REQUIRED_PARAM_MISSING", "data is missing", { param_name: "data" })), null);
    if (data.length > MAX_WRITE)
      return (void res.status(400).json(errorBody("LIMIT_EXCEEDED", `at most ${MAX_WRITE} records per call`, { limit: MAX_WRITE })), null);
    return data as ZohoRow[];
  };

  const changed = (module: string, operation: "insert" | "update" | "delete", ids: string[]) => {
    if (ids.length) context.changes.emit("change", { system, vendorModule: moduleSpec(system, module).vendorModule, operation, ids });
  };

  router.post("/:module", async (req, res) => {
    const module = moduleOf(req, res);
    const rows = module && rowsOf(req, res);
    if (!module || !rows) return;
    const codec = await codecOf(module);
    const results = [];
    for (const [index, row] of rows.entries()) {
      try {
        const record = await store().create(module, codec.decode(row), API_USER);
        await writeSubforms(module, record.id, row);
        results.push(success(record, "record added"));
      } catch (error) {
        results.push(await failure(module, error, index, null));
      }
    }
    changed(
      module,
      "insert",
      results.filter((r) => r.status === "success").map((r) => String((r.details as { id: string }).id)),
    );
    answer(res, results, 201);
  });

  const update = async (req: Request, res: Response) => {
    const module = moduleOf(req, res);
    const rows = module && rowsOf(req, res);
    if (!module || !rows) return;
    const codec = await codecOf(module);
    const results = [];
    for (const [index, row] of rows.entries()) {
      const id = String(req.params.id ?? row.id ?? "");
      try {
        if (!id) throw new NotFoundError(module, "");
        const record = await store().update(module, id, codec.decode(row), API_USER);
        await writeSubforms(module, id, row);
        results.push(success(record, "record updated"));
      } catch (error) {
        results.push(await failure(module, error, index, id));
      }
    }
    changed(
      module,
      "update",
      results.filter((r) => r.status === "success").map((r) => String((r.details as { id: string }).id)),
    );
    answer(res, results, 200);
  };
  router.put("/:module", update);
  router.put("/:module/:id", update);

  const remove = async (req: Request, res: Response) => {
    const module = moduleOf(req, res);
    if (!module) return;
    const ids = req.params.id
      ? [String(req.params.id)]
      : String(req.query.ids ?? "")
          .split(",")
          .filter(Boolean);
    if (!ids.length) return void res.status(400).json(errorBody("REQUIRED_PARAM_MISSING", "ids is missing", { param_name: "ids" }));
    if (ids.length > MAX_WRITE) return void res.status(400).json(errorBody("LIMIT_EXCEEDED", `at most ${MAX_WRITE} ids`, { limit: MAX_WRITE }));
    const results = [];
    for (const id of ids) {
      for (const [lineModule, sub] of subformsOf(module)) {
        for (const line of await store().findByReference(lineModule, sub.parentField as never, [id])) await store().delete(lineModule, line.id);
      }
      results.push(
        (await store().delete(module, id))
          ? { code: "SUCCESS", details: { id }, message: "record deleted", status: "success" }
          : errorBody("INVALID_DATA", "the id given seems to be invalid", { id }),
      );
    }
    changed(
      module,
      "delete",
      results.filter((r) => r.status === "success").map((r) => String((r.details as { id: string }).id)),
    );
    answer(res, results, 200);
  };
  router.delete("/:module", remove);
  router.delete("/:module/:id", remove);

  router.use((error: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    res.status(500).json(errorBody("INTERNAL_ERROR", error instanceof Error ? error.message : String(error)));
  });
  return router;
}
