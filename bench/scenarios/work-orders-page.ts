import { dataOf, operationText, READ_TARGETS, requestBody, type Scenario, type Variables } from "./scenario";

/** The walk covers the newest 10,000 Work Orders (issue 7's "paginating 10,000 Work Orders"). */
const WALKED = 10_000;

interface PageData {
  workOrders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: unknown[] };
}

const query = operationText("bench.graphql");

/**
 * The after-cursors of a full walk: pages of `pageSize` from the first until WALKED Work Orders (or the end),
 * fetched one after the other from the gateway as a client would.
 */
export async function walkWorkOrderPages(post: (body: string) => Promise<string>, pageSize: number): Promise<Variables[]> {
  const pages: Variables[] = [];
  let after: string | null = null;
  for (let seen = 0; seen < WALKED;) {
    pages.push({ first: pageSize, after });
    const page: PageData = dataOf<PageData>("WorkOrdersPage", JSON.parse(await post(requestBody("WorkOrdersPage", query, { first: pageSize, after }))));
    seen += page.workOrders.nodes.length;
    if (!page.workOrders.pageInfo.hasNextPage) break;
    after = page.workOrders.pageInfo.endCursor;
  }
  return pages;
}

/** (c) One page of the Work Order list; the load cycles through every page of the walk (the measured unit is one page). */
export function workOrdersPageScenario(pages: Variables[]): Scenario {
  const pageSize = Number(pages[0]?.first);
  return {
    name: "c work order pages",
    description: `WorkOrdersPage(first: ${pageSize}, after) over the ${pages.length} pages of a cursor walk through (up to) the newest ${WALKED} Work Orders, each with its Company`,
    operationName: "WorkOrdersPage",
    query,
    variants: pages,
    targets: READ_TARGETS,
    check(response) {
      const nodes = dataOf<PageData>("WorkOrdersPage", response).workOrders.nodes;
      if (!nodes.length) throw new Error("WorkOrdersPage returned an empty page");
      return { workOrders: nodes.length, companies: nodes.length, objects: 2 * nodes.length };
    },
  };
}
