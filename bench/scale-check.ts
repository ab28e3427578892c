import { startGateway, type Gateway } from "../src/gateway";
import { createLogger } from "../src/http/logger";
import { seedBenchOrg } from "./dataset";
import { benchGatewayConfig, freshDatabase } from "./database";
import { sqlPerRequest, type Measurement, type StatementCounter } from "./measure";
import { requestBody } from "./scenarios/scenario";
import { nestedAccountsScenario } from "./scenarios/nested-accounts";
import { NESTED_FIRST } from "./scenarios/all";

/** Two small datasets, the second ten times the first: scenario (a) returns all their Accounts (≤ NESTED_FIRST). */
export const SCALE_CHECK_ACCOUNTS = [5, 50] as const;

export interface ScaleCheck {
  scenario: string;
  points: { accounts: number; sqlPerRequest: number; unbatchedSqlPerRequest: number | null }[];
  /** Empty when the gateway's count stayed constant and the DataLoader-off count grew (the check can see N+1). */
  problems: string[];
}

const counterOf = (gateway: Gateway): StatementCounter => ({ url: gateway.url, statements: async () => gateway.queryCounter.count });

/** (a)'s statements per request on a fresh dataset of `accounts`, with batching on and off (gateways in this process). */
async function countAt(accounts: number, databaseUrl: string | null): Promise<ScaleCheck["points"][number]> {
  const database = await freshDatabase("gateway-scale", databaseUrl);
  const gateways: Gateway[] = [];
  try {
    const start = async (dataLoaderBatching: boolean) => {
      const config = benchGatewayConfig(database.target, { syncWorker: false, rateLimitPerMinute: 0, dataLoaderBatching });
      const gateway = await startGateway(config, createLogger(config));
      gateways.push(gateway);
      return gateway;
    };
    const batched = await start(true);
    const token = await seedBenchOrg(batched, accounts);
    const unbatched = await start(false);
    const scenario = nestedAccountsScenario(NESTED_FIRST, accounts);
    const body = requestBody(scenario.operationName, scenario.query, scenario.variants[0]);
    return {
      accounts,
      sqlPerRequest: await sqlPerRequest(counterOf(batched), () => body, token),
      unbatchedSqlPerRequest: await sqlPerRequest(counterOf(unbatched), () => body, token),
    };
  } finally {
    for (const gateway of gateways) await gateway.stop();
    await database.dispose();
  }
}

/**
 * SQL statements per request of scenario (a) must not grow with the data. Seeds SCALE_CHECK_ACCOUNTS datasets,
 * where (a)'s response grows tenfold with the dataset, and counts the gateway's statements for (a) on each, with
 * batching on and off (the main run's count is listed next to them, for information: it was taken under load).
 * The check fails when the batched count differs between the two; it also fails when the DataLoader-off count does
 * not grow, since the check then could not see an N+1.
 */
export async function runScaleCheck(
  databaseUrl: string | null,
  main: { accounts: number; measurements: Measurement[] },
  log: (line: string) => void,
): Promise<ScaleCheck> {
  const points: ScaleCheck["points"] = [];
  for (const accounts of SCALE_CHECK_ACCOUNTS) {
    const point = await countAt(accounts, databaseUrl);
    points.push(point);
    log(`scale check: ${accounts} accounts: ${point.sqlPerRequest} statements per request (DataLoader off: ${point.unbatchedSqlPerRequest})`);
  }
  const gateway = main.measurements.find((m) => m.server === "gateway");
  const unbatched = main.measurements.find((m) => m.server === "unbatched");
  if (gateway) points.push({ accounts: main.accounts, sqlPerRequest: gateway.sqlPerRequest, unbatchedSqlPerRequest: unbatched?.sqlPerRequest ?? null });
  return { scenario: "a nested", points, problems: scaleProblems(points) };
}

/** What is wrong with the first two counts: the batched one changed with the data, or the unbatched one did not grow. */
export function scaleProblems(points: ScaleCheck["points"]): string[] {
  const problems: string[] = [];
  const [small, large] = points;
  if (large.sqlPerRequest !== small.sqlPerRequest) {
    problems.push(`SQL/request of (a) went from ${small.sqlPerRequest} at ${small.accounts} accounts to ${large.sqlPerRequest} at ${large.accounts}`);
  }
  if (!((large.unbatchedSqlPerRequest ?? 0) > 2 * (small.unbatchedSqlPerRequest ?? 0))) {
    problems.push(
      `with DataLoader off, SQL/request of (a) did not grow (${small.unbatchedSqlPerRequest} → ${large.unbatchedSqlPerRequest}): the check could not see an N+1`,
    );
  }
  return problems;
}
