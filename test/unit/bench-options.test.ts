import { describe, expect, it } from "vitest";
import { parseOptions, UsageError } from "../../bench/options";

describe("bench options: --scenarios", () => {
  it("runs every scenario by default, and the chosen ones in (a)–(d) order", () => {
    expect(parseOptions([], {}).scenarios).toEqual(["a", "b", "c", "d"]);
    expect(parseOptions(["--scenarios", "D, a"], {}).scenarios).toEqual(["a", "d"]);
  });

  it("refuses an unknown or empty list with the usage text", () => {
    expect(() => parseOptions(["--scenarios", "a,e"], {})).toThrow(UsageError);
    expect(() => parseOptions(["--scenarios", " , "], {})).toThrow(/--scenarios must list some of a, b, c, d/);
  });
});
