import type { Services } from "../services";
import type { Actor } from "../common/record-store";
import { DemoOrgSeeder } from "./seed-demo-org";
import type { DemoScale } from "./demo-scale";

/** Seeds the demo organisation on a first start; an organisation that has any Account is left alone. */
export async function seedIfEmpty(services: Services, scale: DemoScale, actor: Actor): Promise<boolean> {
  const existing = await services.crm.list("Accounts", {}, { first: 1, direction: "DESC" });
  if (existing.records.length) return false;
  await new DemoOrgSeeder(services, scale, actor).run();
  return true;
}
