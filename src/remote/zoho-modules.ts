import { SystemName } from "../fields/field-definition.entity";
import { MODULES, type ModuleFacts } from "../modules/module-registry";
import type { VendorFacts } from "../modules/module-facts";

/** Records per insert, update or delete call, and ids per `ids=` read (the vendors' limit). */
export const WRITE_BATCH = 100;

/** How one of our modules appears in a vendor's API (the module registry's vendor facts). */
export interface ZohoModuleSpec extends Omit<VendorFacts, "module" | "aliases"> {
  system: SystemName;
  /** The vendor's module API name in URLs. */
  vendorModule: string;
}

const specOf = ({ system, vendor: { module, aliases: _aliases, ...rest } }: ModuleFacts): ZohoModuleSpec => ({ system, vendorModule: module, ...rest });

export const ZOHO_MODULES: Record<SystemName, Record<string, ZohoModuleSpec>> = {
  [SystemName.CRM]: Object.fromEntries(Object.entries(MODULES.CRM).map(([name, facts]) => [name, specOf(facts)])),
  [SystemName.FSM]: Object.fromEntries(Object.entries(MODULES.FSM).map(([name, facts]) => [name, specOf(facts)])),
};

export function moduleSpec(system: SystemName, module: string): ZohoModuleSpec {
  const spec = ZOHO_MODULES[system][module];
  if (!spec) throw new Error(`Unknown ${system} module ${module}`);
  return spec;
}

/** Our module behind a vendor module API name (the top-level one, not a subform). */
export function moduleOfVendor(system: SystemName, vendorModule: string): string | null {
  return Object.entries(ZOHO_MODULES[system]).find(([, spec]) => spec.vendorModule === vendorModule && !spec.subform)?.[0] ?? null;
}
