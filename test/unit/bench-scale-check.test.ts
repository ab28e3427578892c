import { describe, expect, it } from "vitest";
import { scaleProblems } from "../../bench/scale-check";

describe("the benchmark's scale check", () => {
  it("passes when the batched count is constant and the DataLoader-off count grows with the data", () => {
    expect(
      scaleProblems([
        { accounts: 5, sqlPerRequest: 9, unbatchedSqlPerRequest: 76 },
        { accounts: 50, sqlPerRequest: 9, unbatchedSqlPerRequest: 743 },
        { accounts: 2000, sqlPerRequest: 9, unbatchedSqlPerRequest: 744 },
      ]),
    ).toEqual([]);
  });

  it("fails when the batched count grows tenfold with the data", () => {
    const problems = scaleProblems([
      { accounts: 5, sqlPerRequest: 9, unbatchedSqlPerRequest: 76 },
      { accounts: 50, sqlPerRequest: 10, unbatchedSqlPerRequest: 743 },
    ]);
    expect(problems).toEqual(["SQL/request of (a) went from 9 at 5 accounts to 10 at 50"]);
  });

  it("fails when the DataLoader-off count does not grow either (the check could not see an N+1)", () => {
    const problems = scaleProblems([
      { accounts: 5, sqlPerRequest: 9, unbatchedSqlPerRequest: 9 },
      { accounts: 50, sqlPerRequest: 9, unbatchedSqlPerRequest: 9 },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/could not see an N\+1/);
  });
});
