import { SystemName } from "../fields/field-definition.entity";
import type { Side } from "../common/side";
import { CRM_MODULES } from "./crm-modules";
import { FSM_MODULES } from "./fsm-modules";
import type { ModuleFacts, SyncFacts } from "./module-facts";

/**
 * The one place module facts are read from: every list of modules, pairs, vendor names, duplicate keys,
 * conversion targets and parents is derived here from the tables in crm-modules.ts and fsm-modules.ts.
 */
export { CRM_MODULES, FSM_MODULES };
export type { ModuleFacts };

type Crm = typeof CRM_MODULES;
type Fsm = typeof FSM_MODULES;
export type CrmModule = keyof Crm;
export type FsmModule = keyof Fsm;
export type CrmRecords = { [K in CrmModule]: InstanceType<Crm[K]["entity"]> };
export type FsmRecords = { [K in FsmModule]: InstanceType<Fsm[K]["entity"]> };

export const MODULES: Record<SystemName, Record<string, ModuleFacts>> = { [SystemName.CRM]: CRM_MODULES, [SystemName.FSM]: FSM_MODULES };

const mapValues = <T extends object, V>(table: T, f: (facts: T[keyof T]) => V) =>
  Object.fromEntries(Object.entries(table).map(([name, facts]) => [name, f(facts as T[keyof T])])) as { [K in keyof T]: V };
/** The names of a table's modules that have `key`, in table order. */
const namesWith = <T extends object, K extends string>(table: T, key: K) =>
  Object.entries(table)
    .filter(([, facts]) => key in facts)
    .map(([name]) => name) as { [M in keyof T]: T[M] extends Record<K, unknown> ? M : never }[keyof T][];
/** A string enum as type-graphql and TypeScript both read it: each key is its own value. */
const enumOf = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, k])) as { readonly [P in K]: P };

/** Each module's label by module name ("Sales_Orders" → "Sales Order"). */
export const labelsOf = (table: Record<string, ModuleFacts>): Record<string, string> => mapValues(table, (m) => m.label);

/** Modules by name, each with the record class that holds it. */
export const CRM_ENTITIES = mapValues(CRM_MODULES, (m) => m.entity) as { [K in CrmModule]: Crm[K]["entity"] };
export const FSM_ENTITIES = mapValues(FSM_MODULES, (m) => m.entity) as { [K in FsmModule]: Fsm[K]["entity"] };

// Sync pairs: stated on the CRM module.
export type SyncedCrmModule = { [K in CrmModule]: Crm[K] extends { sync: SyncFacts } ? K : never }[CrmModule];
export type SyncedFsmModule = Crm[SyncedCrmModule]["sync"]["fsmModule"];
export type SyncPairName = Crm[SyncedCrmModule]["sync"]["pair"];
const SYNCED_CRM = namesWith(CRM_MODULES, "sync") as SyncedCrmModule[];
const syncOf = (module: SyncedCrmModule): SyncFacts => CRM_MODULES[module].sync;

/** CRM modules that sync with an FSM module, and the FSM field that refers to the synced record. */
export const COUNTERPART = Object.fromEntries(SYNCED_CRM.map((m) => [m, { fsmModule: syncOf(m).fsmModule, fsmField: syncOf(m).fsmField }])) as {
  [K in SyncedCrmModule]: { fsmModule: Crm[K]["sync"]["fsmModule"]; fsmField: Crm[K]["sync"]["fsmField"] };
};
export const SYNC_PAIR_NAMES = enumOf(SYNCED_CRM.map((m) => syncOf(m).pair as SyncPairName));
export const PAIR_MODULES = Object.fromEntries(SYNCED_CRM.map((m) => [syncOf(m).pair, { crmModule: m, fsmModule: syncOf(m).fsmModule }])) as Record<
  SyncPairName,
  { crmModule: SyncedCrmModule; fsmModule: SyncedFsmModule }
>;
export const SYNCED_MODULES: Record<Side, string[]> = {
  CRM: Object.values(PAIR_MODULES).map((m) => m.crmModule),
  FSM: Object.values(PAIR_MODULES).map((m) => m.fsmModule),
};
/** The API names of every synced module, of either system (Contacts is both): `SyncedModule` in the graph. */
export const SYNCED_MODULE_NAMES = enumOf([
  ...new Set<SyncedCrmModule | SyncedFsmModule>([...SYNCED_CRM, ...SYNCED_CRM.map((m) => syncOf(m).fsmModule as SyncedFsmModule)]),
]);
/** How duplicates are found in the initial sync, for the pairs that have a key. */
export const DUPLICATE_KEYS = Object.fromEntries(
  SYNCED_CRM.flatMap((m) => (syncOf(m).duplicateKey ? [[syncOf(m).pair, syncOf(m).duplicateKey]] : [])),
) as Partial<Record<SyncPairName, { crmField: string; fsmField: string }>>;

// Conversions: stated on the CRM source.
type Source = { [K in CrmModule]: Crm[K] extends { conversion: object } ? K : never }[CrmModule];
type Target = Crm[Source]["conversion"]["targets"][number];
const SOURCES = namesWith(CRM_MODULES, "conversion") as Source[];
export const CONVERSION_SOURCES = enumOf(SOURCES);
export const CONVERSION_TARGETS = enumOf([...new Set(SOURCES.flatMap((s) => CRM_MODULES[s].conversion.targets as readonly Target[]))]);
/** What can be created from what (the product's rules): Products make Assets; Sales Orders make all four. */
export const ALLOWED_TARGETS = Object.fromEntries(SOURCES.map((s) => [s, CRM_MODULES[s].conversion.targets as readonly Target[]])) as Record<
  Source,
  readonly Target[]
>;
/** Deals and Sales Orders become the parent of what is created from them. */
export const PARENT_SOURCES = new Set<Source>(SOURCES.filter((s) => CRM_MODULES[s].conversion.becomesParent));

// Parents: stated on the FSM child.
type WithParents = { [K in FsmModule]: Fsm[K] extends { parents: object } ? K : never }[FsmModule];
export type ParentModule = Fsm[WithParents]["parents"]["modules"][number];
export type LinkableModule = { [K in WithParents]: Fsm[K]["parents"]["linkByHand"] extends true ? K : never }[WithParents];
const WITH_PARENTS = namesWith(FSM_MODULES, "parents") as WithParents[];
export const LINKABLE_MODULES = enumOf(WITH_PARENTS.filter((m) => FSM_MODULES[m].parents.linkByHand) as LinkableModule[]);
export const PARENT_MODULES = enumOf([...new Set(WITH_PARENTS.flatMap((m) => FSM_MODULES[m].parents.modules as readonly ParentModule[]))]);

/** The modules whose records stand alone (not line items), in table order. */
export function topLevelModules(system: SystemName): string[] {
  return Object.entries(MODULES[system])
    .filter(([, facts]) => !facts.vendor.subform)
    .map(([name]) => name);
}

/** The module holding a module's line items, and the line's field naming its owner (Work_Orders → workOrderId). */
export function lineModuleOf(system: SystemName, module: string): { module: string; ownerField: string } | null {
  for (const [lineModule, facts] of Object.entries(MODULES[system])) {
    if (facts.vendor.subform?.parentModule === module) return { module: lineModule, ownerField: facts.vendor.subform.parentField };
  }
  return null;
}

/** Our module for a name a hook or the vendor uses: ours, the vendor's module name, or an alias; any case. */
export function moduleNamed(side: Side, name: string): string | null {
  const wanted = name.toLowerCase();
  const spellings = ([module, facts]: [string, ModuleFacts]) => [
    module,
    ...(facts.vendor.subform ? [] : [facts.vendor.module]),
    ...(facts.vendor.aliases ?? []),
  ];
  return Object.entries(MODULES[side]).find((entry) => spellings(entry).some((s) => s.toLowerCase() === wanted))?.[0] ?? null;
}
