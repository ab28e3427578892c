/**
 * What must never appear in a log line: an e-mail address, one of our bearer tokens, an Authorization value.
 * Deliberately independent of src/http/log-scrubber.ts, so a mistake there is not repeated here.
 */
const LEAKS: [string, RegExp][] = [
  ["e-mail address", /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
  ["gateway token", /gw_[A-Za-z0-9_-]{20,}/],
  ["Authorization value", /"authorization"\s*:\s*"(?!\[redacted\])|\bBearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/i],
];

export interface LogLeak {
  kind: string;
  line: string;
}

export function findLogLeaks(lines: Iterable<string>): LogLeak[] {
  const leaks: LogLeak[] = [];
  for (const line of lines) {
    for (const [kind, pattern] of LEAKS) if (pattern.test(line)) leaks.push({ kind, line: line.slice(0, 500) });
  }
  return leaks;
}
