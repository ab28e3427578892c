import fc from "fast-check";
import { DeletionPreference, SyncDirection } from "../../../src/sync/settings/sync-settings.entity";

/** The commands of a random history, what generates them, and how a failing history is printed. */

export type Side = "CRM" | "FSM";
/** gateway: a mutation (synced at once); deferred: committed, the process died before syncing; outside: made in the system itself and announced by its change feed. */
export type How = "gateway" | "deferred" | "outside";
export type FieldKey = "name" | "phone" | "website" | "secret";
export const FIELD_KEYS: readonly FieldKey[] = ["name", "phone", "website", "secret"];

export type SettingsChange = { enabled: boolean } | { direction: SyncDirection } | { onCrmDelete: DeletionPreference } | { onFsmDelete: DeletionPreference };

export type Command =
  | { kind: "create"; side: Side; how: "gateway" | "outside"; announceTimes: number }
  | { kind: "edit"; slot: number; side: Side; field: FieldKey; value: string; how: How; announceTimes: number }
  | { kind: "delete"; slot: number; side: Side; how: How; announceTimes: number }
  /** A change-feed delivery that repeats, comes late, or announces a deletion of a record that still exists. */
  | { kind: "announce"; slot: number; side: Side; operation: "CREATE" | "UPDATE" | "DELETE" }
  | { kind: "process"; count: number }
  | { kind: "syncNow"; slot: number; side: Side }
  | { kind: "settings"; change: SettingsChange }
  /** CRM: restrict the Accounts module's Sensitive fields; FSM: personal-data access through the API off. */
  | { kind: "privacy"; side: Side; restricted: boolean }
  /** Website mapped or not (an admin replacing the pair's field mappings). */
  | { kind: "mapping"; website: boolean }
  | { kind: "restart" };

const side = fc.constantFrom<Side>("CRM", "FSM");
const slot = fc.nat(7);
const announceTimes = fc.integer({ min: 1, max: 3 });
const how = fc.constantFrom<How>("gateway", "deferred", "outside");
const preference = fc.constantFrom(DeletionPreference.DELETE, DeletionPreference.SUSPEND);

const settingsChange: fc.Arbitrary<SettingsChange> = fc.oneof(
  fc.record({ enabled: fc.boolean() }),
  fc.record({ direction: fc.constantFrom(SyncDirection.TWO_WAY, SyncDirection.CRM_TO_FSM, SyncDirection.FSM_TO_CRM) }),
  fc.record({ onCrmDelete: preference }),
  fc.record({ onFsmDelete: preference }),
);

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      slot,
      side,
      field: fc.constantFrom(...FIELD_KEYS),
      value: fc.stringMatching(/^[a-z]{1,5}$/),
      how,
      announceTimes,
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("process" as const), count: fc.integer({ min: 1, max: 4 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("create" as const), side, how: fc.constantFrom("gateway" as const, "outside" as const), announceTimes }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), slot, side, how, announceTimes }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("announce" as const),
      slot,
      side,
      operation: fc.constantFrom("CREATE" as const, "UPDATE" as const, "DELETE" as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("syncNow" as const), slot, side }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("settings" as const), change: settingsChange }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("privacy" as const), side, restricted: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("mapping" as const), website: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restart" as const) }) },
);

export const historyArb = fc.array(commandArb, { minLength: 1, maxLength: 40, size: "max" });

/** One line per command, as a person would read the history. */
export function describeCommand(c: Command): string {
  const announced = (n: number) => (n > 1 ? `, announced ${n}×` : "");
  switch (c.kind) {
    case "create":
      return `create on ${c.side} (${c.how}${c.how === "outside" ? announced(c.announceTimes) : ""})`;
    case "edit":
      return `edit slot ${c.slot} ${c.side} ${c.field} = "${c.value}" (${c.how}${c.how === "outside" ? announced(c.announceTimes) : ""})`;
    case "delete":
      return `delete slot ${c.slot} on ${c.side} (${c.how}${c.how === "outside" ? announced(c.announceTimes) : ""})`;
    case "announce":
      return `change feed: ${c.operation} of slot ${c.slot} on ${c.side}`;
    case "process":
      return `worker processes ${c.count} entr${c.count === 1 ? "y" : "ies"}`;
    case "syncNow":
      return `sync now: slot ${c.slot} on ${c.side}`;
    case "settings":
      return `settings: ${JSON.stringify(c.change)}`;
    case "privacy":
      return `privacy: ${c.side} personal data ${c.restricted ? "restricted" : "allowed"}`;
    case "mapping":
      return `mapping: Website ${c.website ? "mapped" : "unmapped"}`;
    case "restart":
      return "restart the gateway";
  }
}
