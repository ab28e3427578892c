import DataLoader from "dataloader";
import { timeSliced } from "./time-sliced-batches";

const MAX_BATCH = 1000;

/** `batch: false` gives every load its own fetch (the benchmark's "DataLoader off"); caching stays on. */
export interface LoaderOptions {
  batch: boolean;
  /**
   * Asked before each batch: true once the request is past its execution budget. The batch then runs no SQL and
   * answers nothing found, which ends the walk down the query at once (failing every key instead would make the
   * executor build an error per field, thousands of them); the response is replaced by EXECUTION_TIMEOUT anyway.
   */
  budgetSpent?: () => boolean;
  /**
   * Let batches yield the event loop once they have kept it for a while (timeSliced). SQLite statements are
   * synchronous, so a whole query otherwise runs in one macrotask: concurrent requests queue behind it whole
   * (each waiting out the others' budgets) and no timer or new request is served meanwhile. Yielding interleaves
   * them, so each meets its own deadline.
   */
  yieldBetweenBatches?: boolean;
}

function dataLoaderOptions({ batch, yieldBetweenBatches }: LoaderOptions) {
  if (!batch) return { batch: false };
  return yieldBetweenBatches ? { maxBatchSize: MAX_BATCH, batchScheduleFn: timeSliced } : { maxBatchSize: MAX_BATCH };
}

/** One value per key (or null): e.g. a record by id, a link by record id. */
export function createByKeyLoader<T>(fetch: (keys: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string, options: LoaderOptions) {
  return new DataLoader<string, T | null>(async (keys) => {
    if (options.budgetSpent?.()) return keys.map(() => null);
    const byKey = new Map((await fetch(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  }, dataLoaderOptions(options));
}

/**
 * All values sharing a key: e.g. the Contacts of an Account, the Service Appointments of a Work Order. With `order`,
 * the batch is sorted once, so every group comes out in that order.
 */
export function createGroupLoader<T>(
  fetch: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string | null,
  options: LoaderOptions,
  order?: (a: T, b: T) => number,
) {
  return new DataLoader<string, T[]>(async (keys) => {
    if (options.budgetSpent?.()) return keys.map(() => []);
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    const rows = await fetch(keys);
    for (const row of order ? rows.sort(order) : rows) {
      const key = keyOf(row);
      if (key !== null) groups.get(key)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  }, dataLoaderOptions(options));
}
