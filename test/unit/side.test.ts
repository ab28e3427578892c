import { describe, expect, it } from "vitest";
import { byKey, bySide, idOn, idsOn, keyOf, moduleOn, other, otherKey, sideOf, SIDES, type Side, type SideKey } from "../../src/common/side";

describe("side", () => {
  it("other swaps the sides and is its own inverse", () => {
    expect(other("CRM")).toBe("FSM");
    expect(other("FSM")).toBe("CRM");
    for (const side of SIDES) expect(other(other(side))).toBe(side);
  });

  it("bySide picks the value of the given side", () => {
    expect(bySide("CRM", { CRM: 1, FSM: 2 })).toBe(1);
    expect(bySide("FSM", { CRM: 1, FSM: 2 })).toBe(2);
    const mixed: string | number = bySide<string, number>("FSM", { CRM: "a", FSM: 3 });
    expect(mixed).toBe(3);
  });

  it("byKey picks the value of the given lowercase key", () => {
    expect(byKey("crm", { crm: "x", fsm: "y" })).toBe("x");
    expect(byKey("fsm", { crm: "x", fsm: "y" })).toBe("y");
  });

  it("keyOf and sideOf are one mapping between the spellings", () => {
    const table: [Side, SideKey][] = [
      ["CRM", "crm"],
      ["FSM", "fsm"],
    ];
    for (const [side, key] of table) {
      expect(keyOf(side)).toBe(key);
      expect(sideOf(key)).toBe(side);
      expect(sideOf(keyOf(side))).toBe(side);
    }
  });

  it("otherKey swaps the lowercase keys", () => {
    expect(otherKey("crm")).toBe("fsm");
    expect(otherKey("fsm")).toBe("crm");
  });
});

describe("idOn and moduleOn", () => {
  it("pick the id and module of the given side", () => {
    const link = { crmId: "c1", fsmId: "f1", crmModule: "Accounts", fsmModule: "Companies" };
    expect(idOn("CRM", link)).toBe("c1");
    expect(idOn("FSM", link)).toBe("f1");
    expect(moduleOn("CRM", link)).toBe("Accounts");
    expect(moduleOn("FSM", link)).toBe("Companies");
  });
});

describe("idsOn", () => {
  it("puts the id on its side and null on the other", () => {
    expect(idsOn("CRM", "x")).toEqual({ crmId: "x", fsmId: null });
    expect(idsOn("FSM", "x")).toEqual({ crmId: null, fsmId: "x" });
  });
});
