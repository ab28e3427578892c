import { describe, expect, it } from "vitest";
import { scrubLogLine } from "../../src/http/log-scrubber";

describe("scrubLogLine", () => {
  it.each([
    ['{"msg":"sent","to":"ann@example.com"}', /ann@example\.com/],
    ['{"Email":"Ann.Lee","First_Name":"Ann","Last_Name":"Lee","Phone":"+44 1"}', /Ann|Lee|\+44/],
    ['{"record":{"firstName":"Ann","mailingAddress":{"street":"1 High St"}}}', /Ann|High St/],
    ['{"err":"Bearer gw_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG refused"}', /gw_abc/],
  ])("leaves no personal value or token in %s", (line, leaked) => {
    expect(scrubLogLine(line)).not.toMatch(leaked);
  });

  it("keeps lines without anything sensitive as they are", () => {
    const line = '{"level":30,"msg":"request","path":"/graphql","status":200}';
    expect(scrubLogLine(line)).toBe(line);
  });
});
