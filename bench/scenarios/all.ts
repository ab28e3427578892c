import { openSqlStore, type DatabaseTarget } from "../sql-store";
import type { Scenario } from "./scenario";
import { nestedAccountsScenario } from "./nested-accounts";
import { dealPageScenario, dealsWithFsmLists } from "./deal-page";
import { walkWorkOrderPages, workOrdersPageScenario } from "./work-orders-page";
import { syncedContacts, syncedEditScenario } from "./synced-edit";

export const NESTED_FIRST = 50;
export const WORK_ORDER_PAGE_SIZE = 100;

/**
 * The chosen scenarios of (a)–(d) on a seeded dataset, in the order they run: the reads first, the edit last (it changes data).
 * Ids come from the database; the Work Order page cursors from a walk through the gateway.
 */
export async function prepareScenarios(
  target: DatabaseTarget,
  accounts: number,
  letters: string[],
  postToGateway: (body: string) => Promise<string>,
): Promise<Scenario[]> {
  const store = openSqlStore(target);
  let deals: string[];
  let contacts: string[];
  try {
    deals = await dealsWithFsmLists(store);
    contacts = await syncedContacts(store);
  } finally {
    await store.close();
  }
  const scenarios: Record<string, () => Promise<Scenario>> = {
    a: async () => nestedAccountsScenario(NESTED_FIRST, accounts),
    b: async () => dealPageScenario(deals),
    c: async () => workOrdersPageScenario(await walkWorkOrderPages(postToGateway, WORK_ORDER_PAGE_SIZE)),
    d: async () => syncedEditScenario(contacts),
  };
  const chosen: Scenario[] = [];
  for (const letter of letters) chosen.push(await scenarios[letter]());
  return chosen;
}
