import DataLoader from "dataloader";

const MAX_BATCH = 1000;

/** `batch: false` gives every load its own fetch (the benchmark's "DataLoader off"); caching stays on. */
export interface LoaderOptions {
  batch: boolean;
}

function dataLoaderOptions({ batch }: LoaderOptions) {
  return batch ? { maxBatchSize: MAX_BATCH } : { batch: false };
}

/** One value per key (or null): e.g. a record by id, a link by record id. */
export function createByKeyLoader<T>(fetch: (keys: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string, options: LoaderOptions) {
  return new DataLoader<string, T | null>(
    async (keys) => {
      const byKey = new Map((await fetch(keys)).map((row) => [keyOf(row), row]));
      return keys.map((key) => byKey.get(key) ?? null);
    },
    dataLoaderOptions(options),
  );
}

/**
 * All values sharing a key: e.g. the Contacts of an Account, the Service Appointments of a Work Order. With `order`,
 * the batch is sorted once, so every group comes out in that order.
 */
export function createGroupLoader<T>(fetch: (keys: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string | null, options: LoaderOptions, order?: (a: T, b: T) => number) {
  return new DataLoader<string, T[]>(
    async (keys) => {
      const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
      const rows = await fetch(keys);
      for (const row of order ? rows.sort(order) : rows) {
        const key = keyOf(row);
        if (key !== null) groups.get(key)?.push(row);
      }
      return keys.map((key) => groups.get(key) ?? []);
    },
    dataLoaderOptions(options),
  );
}
