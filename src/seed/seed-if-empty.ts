import type { Actor } from "../common/record-store";
import { DemoOrgSeeder, type SeedStores } from "./seed-demo-org";
import type { DemoScale } from "./demo-scale";

/** Seeds the demo organisation on a first start; an organisation that has any Account is left alone. */
export async function seedIfEmpty(stores: SeedStores, scale: DemoScale, actor: Actor): Promise<boolean> {
  const existing = await stores.crm.list("Accounts", {}, { first: 1, direction: "DESC" });
  if (existing.records.length) return false;
  await new DemoOrgSeeder(stores, scale, actor).run();
  return true;
}
