import { describe, expect, it } from "vitest";
import { BoundedCache } from "../../src/common/bounded-cache";

describe("bounded cache", () => {
  it("keeps at most its capacity, dropping the least recently used entry", () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the most recent
    cache.set("c", 3);
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
  });

  it("replaces a key's value without growing, and remembers falsy values", () => {
    const cache = new BoundedCache<string, number | null>(2);
    cache.set("a", 1);
    cache.set("a", null);
    expect(cache.size).toBe(1);
    expect(cache.get("a")).toBeNull();
  });

  it("refuses a capacity below one", () => {
    expect(() => new BoundedCache(0)).toThrow(/at least one/);
  });
});
