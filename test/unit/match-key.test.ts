import { describe, expect, it } from "vitest";
import { matchKey } from "../../src/common/match-key";

describe("matchKey", () => {
  it.each([
    ["john@x.com", "JOHN@x.com"],
    [" john@x.com\t", "John@X.COM"],
    ["ｊｏｈｎ@x.com", "john@x.com"],
    ["Acme  Ltd", " ACME  LTD "],
    ["Café", "Cafe\u0301"],
  ])("%j matches %j", (a, b) => expect(matchKey(a)).toBe(matchKey(b)));

  it.each([
    ["john@x.com", "jon@x.com"],
    ["Acme Ltd", "Acme Ltd."],
  ])("%j does not match %j", (a, b) => expect(matchKey(a)).not.toBe(matchKey(b)));

  it("empty values have an empty key (they match nothing)", () => {
    expect(matchKey(null)).toBe("");
    expect(matchKey(undefined)).toBe("");
    expect(matchKey("   ")).toBe("");
  });
});
