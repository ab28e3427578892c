import { describe, expect, it } from "vitest";
import { rejectionSyncReason, SyncReason } from "../../src/sync/sync-reason";

describe("SyncReason", () => {
  it("each value is its own name (the strings stored and sent as before)", () => {
    for (const [name, value] of Object.entries(SyncReason)) expect(value).toBe(name);
  });

  it("a rejected write keeps the system's rejection code", () => {
    expect(rejectionSyncReason("MANDATORY_NOT_FOUND")).toBe(SyncReason.MANDATORY_NOT_FOUND);
    expect(rejectionSyncReason("INVALID_DATA")).toBe("INVALID_DATA");
    expect(rejectionSyncReason("DUPLICATE_DATA")).toBe("DUPLICATE_DATA");
  });
});
