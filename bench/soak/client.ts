import fs from "node:fs";
import { Random } from "../../src/seed/random";
import {
  CHANGE_FEED_SECRET_HEADER,
  EDITED_PAIRS,
  PAYLOAD_ENV,
  type FromClient,
  type ToClient,
  type ClientLog,
  type ClientPayload,
  type CommittedEdit,
  type EditedField,
  type Side,
  type SoakRecord,
} from "./edits";

/**
 * A soak client (its own process): until the end time, one edit after another on a random linked record, side
 * and field, either through the gateway's update mutation or written in the system directly and announced on its
 * change feed (sometimes twice). Logs what committed, with the wall-clock interval it committed in.
 */

const rawPayload = process.env[PAYLOAD_ENV];
if (!rawPayload) throw new Error(`${PAYLOAD_ENV} is not set: this module runs as a child of the soak`);
const payload = JSON.parse(rawPayload) as ClientPayload;
const random = new Random(payload.seed);
const log: ClientLog = { client: payload.client, edits: [], errors: [], duplicateAnnouncements: 0 };
let seq = 0;

class RequestFailed extends Error {
  constructor(
    message: string,
    /** The request may have committed (no reply, or a reply we could not read). */
    readonly uncertain: boolean,
  ) {
    super(message);
  }
}

/** `T`: the shape the caller expects of a successful answer; an error answer is only ever stringified. */
async function postJson<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: T }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new RequestFailed(`${url}: ${error instanceof Error ? error.message : String(error)}`, true);
  }
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) as T };
  } catch {
    throw new RequestFailed(`${url}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`, response.status >= 500);
  }
}

/** A value nobody wrote before: client number and sequence number in it. */
function newValue(field: EditedField): string | number {
  seq += 1;
  const c = payload.client;
  if (field.numeric) return seq * 100 + c;
  switch (field.key) {
    case "Website":
      return `https://c${c}-${seq}.soak.example`;
    case "Phone":
    case "Mobile":
      return `+1 555 ${c}-${seq}`;
    default:
      return `c${c}-${seq}`;
  }
}

interface GatewayAnswer {
  data: Record<string, { sync: { status: string; reason: string | null; entryId: number | null } }>;
  errors?: unknown[];
}

async function gatewayEdit(record: SoakRecord, side: Side, field: EditedField, value: string | number): Promise<Partial<CommittedEdit>> {
  const pair = EDITED_PAIRS[record.pair];
  const mutation = side === "CRM" ? pair.crmMutation : pair.fsmMutation;
  const query = `mutation Soak($id: ID!, $input: ${mutation.input}!) { ${mutation.name}(id: $id, input: $input) { record { id } sync { status reason entryId } } }`;
  const id = side === "CRM" ? record.crmId : record.fsmId;
  const { status, json } = await postJson<GatewayAnswer>(
    random.pick(payload.gatewayUrls),
    { query, variables: { id, input: { [side === "CRM" ? field.crm : field.fsm]: value } } },
    { authorization: `Bearer ${payload.token}` },
  );
  if (status !== 200 || json.errors?.length)
    throw new RequestFailed(`${mutation.name}: HTTP ${status} ${JSON.stringify(json.errors ?? json).slice(0, 300)}`, status >= 500);
  const { sync } = json.data[mutation.name];
  return { entryId: sync.entryId, syncStatus: sync.reason ? `${sync.status} ${sync.reason}` : sync.status, announcedEntryIds: [] };
}

async function announce(side: Side, module: string, id: string): Promise<number[]> {
  const base = random.pick(payload.gatewayUrls).replace(/\/graphql$/, "");
  const { status, json } = await postJson<{ entryIds: number[] }>(
    `${base}/hooks/${side.toLowerCase()}`,
    { module, ids: [id], operation: "update" },
    { [CHANGE_FEED_SECRET_HEADER]: payload.hookSecret },
  );
  if (status !== 202) throw new RequestFailed(`announcement: HTTP ${status} ${JSON.stringify(json).slice(0, 300)}`, false);
  return json.entryIds;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Written in the system itself (no outbox entry), then announced after a random delay (sometimes twice): until
 * then the edit is unknown to the gateway, so edits of the same field on both sides overlap and conflict.
 */
async function feedEdit(
  record: SoakRecord,
  side: Side,
  field: EditedField,
  value: string | number,
): Promise<{ edit: Partial<CommittedEdit>; repliedAt: number }> {
  const pair = EDITED_PAIRS[record.pair];
  const module = side === "CRM" ? pair.crmModule : pair.fsmModule;
  const id = side === "CRM" ? record.crmId : record.fsmId;
  const { status, json } = await postJson<unknown>(`${random.pick(payload.outsideUrls)}/${side.toLowerCase()}/${module}/${id}`, {
    [side === "CRM" ? field.crm : field.fsm]: value,
  });
  const repliedAt = Date.now();
  if (status !== 200) throw new RequestFailed(`outside write: HTTP ${status} ${JSON.stringify(json).slice(0, 300)}`, status >= 500);
  const edit: Partial<CommittedEdit> = { entryId: null, syncStatus: null, announcedEntryIds: [] };
  try {
    await pause(random.int(0, payload.announceDelayMs));
    edit.announcedEntryIds = await announce(side, module, id);
    edit.entryId = edit.announcedEntryIds[0];
    if (random.chance(payload.duplicateShare)) {
      await pause(random.int(0, payload.announceDelayMs));
      edit.announcedEntryIds.push(...(await announce(side, module, id)));
      log.duplicateAnnouncements += 1;
    }
  } catch (error) {
    // The write committed; without its announcement the gateway cannot know of it until the next one.
    log.errors.push({ client: payload.client, what: "announcement", message: error instanceof Error ? error.message : String(error) });
  }
  return { edit, repliedAt };
}

async function oneEdit(): Promise<void> {
  const record = random.pick(payload.records);
  const side: Side = random.chance(0.5) ? "CRM" : "FSM";
  const field = random.pick(EDITED_PAIRS[record.pair].fields);
  const value = newValue(field);
  const way = random.chance(payload.feedShare) ? "feed" : "gateway";
  const sentAt = Date.now();
  try {
    let details: Partial<CommittedEdit>;
    let repliedAt: number;
    if (way === "gateway") {
      details = await gatewayEdit(record, side, field, value);
      repliedAt = Date.now();
    } else {
      ({ edit: details, repliedAt } = await feedEdit(record, side, field, value));
    }
    log.edits.push({
      client: payload.client,
      pair: record.pair,
      crmId: record.crmId,
      side,
      recordId: side === "CRM" ? record.crmId : record.fsmId,
      key: field.key,
      value,
      way,
      sentAt,
      repliedAt,
      entryId: null,
      announcedEntryIds: [],
      syncStatus: null,
      ...details,
    });
  } catch (error) {
    const uncertain = error instanceof RequestFailed && error.uncertain;
    log.errors.push({
      client: payload.client,
      what: `${way} edit`,
      message: error instanceof Error ? error.message : String(error),
      ...(uncertain ? { uncertain: { crmId: record.crmId, key: field.key } } : {}),
    });
  }
}

/** Rounds on the parent's signal: between rounds every client is idle, so the parent can check a quiet state. */
function main(): void {
  // Always forked by the soak, so the channel is there.
  const send = (message: FromClient) => process.send?.(message);
  process.on("message", (message: ToClient) => {
    if (message.type === "finish") {
      fs.writeFileSync(payload.logPath, JSON.stringify(log));
      process.exit(0);
    }
    void (async () => {
      while (Date.now() < message.endAt) await oneEdit();
      send({ type: "idle" });
    })().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
  send({ type: "ready" });
}

main();
