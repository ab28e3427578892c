import { describe, expect, it } from "vitest";
import { duplicateMergeSource, type MergeFlows } from "../../src/sync/decisions/duplicate-merge";

const both: MergeFlows = { crmToFsm: true, fsmToCrm: true };

describe("duplicate merge (Overwrite)", () => {
  it.each<[string, unknown, unknown, MergeFlows, string | null]>([
    ["the CRM value wins where both have one", "CRM Ltd", "FSM Ltd", both, "CRM"],
    ["the CRM value is written over an empty FSM field", "CRM Ltd", null, both, "CRM"],
    ["an empty CRM field is filled from the FSM", null, "FSM Ltd", both, "FSM"],
    ["an empty string is empty", "", "FSM Ltd", both, "FSM"],
    ["empty on both sides: nothing to merge", undefined, "", both, null],
    ["a CRM value that may not reach the FSM leaves the FSM value alone", "CRM Ltd", "FSM Ltd", { crmToFsm: false, fsmToCrm: true }, null],
    ["nor fills an empty FSM field", "CRM Ltd", null, { crmToFsm: false, fsmToCrm: true }, null],
    ["an FSM value that may not reach the CRM does not fill it", null, "FSM Ltd", { crmToFsm: true, fsmToCrm: false }, null],
  ])("%s", (_, crmValue, fsmValue, flows, expected) => {
    expect(duplicateMergeSource(crmValue, fsmValue, flows)).toBe(expected);
  });
});
