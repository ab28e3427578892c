import type { RecordBase } from "../common/record-base";

type Compare<T> = (a: T, b: T) => number;

/** Lists show records newest first (modified time, then id, both descending). */
export const newerFirst: Compare<RecordBase> = (a, b) => b.modifiedTime.getTime() - a.modifiedTime.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export const byPositionOrder: Compare<{ position: number }> = (a, b) => a.position - b.position;

/**
 * The items in order, as the same array when they already are (a loader's cached group, sorted once per batch),
 * else as a sorted copy: loaders' cached arrays are never reordered under another reader.
 */
export function inOrder<T>(items: readonly T[], compare: Compare<T>): readonly T[] {
  for (let i = 1; i < items.length; i += 1) {
    if (compare(items[i - 1], items[i]) > 0) return [...items].sort(compare);
  }
  return items;
}
