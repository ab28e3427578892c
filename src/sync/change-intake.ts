import type { Logger } from "pino";
import type { ChangeOperation } from "./outbox/outbox-entry.entity";
import { pairOf, type Side } from "./sync-pair";
import { moduleNamed, SYNCED_MODULES } from "../modules/module-registry";
import { MassDeleteGuard, type MassDeleteGuardDeps } from "./mass-delete-guard";
import type { Outbox } from "./outbox/outbox";
import { textProblem } from "../common/text-input";

/**
 * The one way changes made outside the gateway enter the sync: an announcement (module, ids, operation) from
 * the change-feed hooks, a CRM notification channel or an FSM workflow webhook becomes one outbox entry per id.
 */

export const MAX_IDS_PER_ANNOUNCEMENT = 100;
const MAX_ID_LENGTH = 36;

const OPERATIONS: Record<string, ChangeOperation> = {
  create: "CREATE",
  insert: "CREATE",
  update: "UPDATE",
  edit: "UPDATE",
  delete: "DELETE",
};

export interface Announcement {
  module: string;
  ids: string[];
  operation: ChangeOperation;
}

/** A bad announcement; `field` names the offending key. */
export class AnnouncementInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function parseModule(side: Side, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw new AnnouncementInputError("module", "module: required, the module's API name (e.g. Accounts)");
  const module = moduleNamed(side, value.trim());
  const synced = SYNCED_MODULES[side].join(", ");
  if (!module) throw new AnnouncementInputError("module", `module: "${value}" is not a ${side} module (synced ${side} modules: ${synced})`);
  if (!pairOf(side, module)) throw new AnnouncementInputError("module", `module: ${side} ${module} is not synced (synced ${side} modules: ${synced})`);
  return module;
}

function parseIds(value: unknown): string[] {
  if (!Array.isArray(value)) throw new AnnouncementInputError("ids", "ids: required, an array of record ids");
  if (value.length === 0) throw new AnnouncementInputError("ids", "ids: give at least one record id");
  if (value.length > MAX_IDS_PER_ANNOUNCEMENT) {
    throw new AnnouncementInputError("ids", `ids: at most ${MAX_IDS_PER_ANNOUNCEMENT} ids per announcement, got ${value.length}`);
  }
  const ids = value.map((id: unknown, index) => {
    const text = typeof id === "number" && Number.isSafeInteger(id) && id >= 0 ? String(id) : id;
    // Control characters (a NUL byte above all) are no id's, and PostgreSQL would refuse them.
    if (typeof text !== "string" || text.trim() === "" || textProblem(text.trim(), MAX_ID_LENGTH, false)) {
      throw new AnnouncementInputError(
        "ids",
        `ids[${index}]: a record id must be a non-empty string of at most ${MAX_ID_LENGTH} characters, without control characters`,
      );
    }
    return text.trim();
  });
  return [...new Set(ids)];
}

function parseOperation(value: unknown): ChangeOperation {
  const operation = typeof value === "string" ? OPERATIONS[value.trim().toLowerCase()] : undefined;
  if (!operation) throw new AnnouncementInputError("operation", "operation: must be create, update or delete");
  return operation;
}

/** `{ module, ids, operation }` with the vendors' spellings accepted; other keys are ignored. */
export function parseAnnouncement(side: Side, body: unknown): Announcement {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AnnouncementInputError("body", "body: expected a JSON object { module, ids, operation }");
  }
  const input = body as Record<string, unknown>;
  return { module: parseModule(side, input.module), ids: parseIds(input.ids), operation: parseOperation(input.operation) };
}

/** The guard's dependencies, and the outbox the announcement's entries go to. */
export interface IntakeDeps extends MassDeleteGuardDeps {
  outbox: Outbox;
}

export interface IntakeResult {
  accepted: number;
  side: Side;
  module: string;
  operation: ChangeOperation;
  entryIds: number[];
  held: boolean;
  heldDeletionId?: string;
}

/**
 * Enqueues an announcement: one entry per id, all or none in one transaction; deletions past the mass-delete
 * guard's threshold are held for an admin, anything else wakes the worker.
 */
export async function acceptAnnouncement(deps: IntakeDeps, side: Side, announcement: Announcement, log: Logger): Promise<IntakeResult> {
  const { module, ids, operation } = announcement;
  const guard = new MassDeleteGuard(deps);
  const { entries, held } = await deps.db.transaction(async (m) => {
    const verdict = operation === "DELETE" ? await guard.assess(m, side, module, ids) : null;
    const created = [];
    for (const recordId of ids) {
      created.push(await deps.outbox.enqueue(m, { side, module, recordId, operation, values: null, origin: "HOOK", userId: null }));
    }
    return { entries: created, held: verdict ? await guard.hold(m, verdict, created) : null };
  });
  const entryIds = entries.map((e) => e.id);
  log.info({ side, module, operation, count: entryIds.length }, "change announcement queued");
  if (held) log.warn({ side, module, count: held.count, heldDeletionId: held.id }, "announced deletions held by the mass-delete guard");
  if (held) void guard.announceHeld(held);
  else deps.worker.notify();
  return { accepted: entryIds.length, side, module, operation, entryIds, held: held !== null, ...(held ? { heldDeletionId: held.id } : {}) };
}
