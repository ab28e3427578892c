import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findLogLeaks } from "./log-leaks";

/** Test gateways (test-gateway.ts) append their logs, at debug level, to the file this names. */
export const TEST_LOG_FILE_VARIABLE = "GATEWAY_TEST_LOG_FILE";

/**
 * Vitest global setup: one log file per run, shared by every test gateway of every worker, and checked once the
 * run is over. A line with an e-mail address, a bearer token or an Authorization value fails the run, whichever
 * test wrote it. The file is kept when it fails the run, so the offending lines can be read.
 */
export default function setup(): () => void {
  const file = path.join(os.tmpdir(), `gateway-test-log-${process.pid}-${Date.now()}.jsonl`);
  fs.writeFileSync(file, "");
  process.env[TEST_LOG_FILE_VARIABLE] = file;
  return () => {
    const text = fs.readFileSync(file, "utf8");
    const leaks = findLogLeaks(text.split("\n"));
    if (!leaks.length) return void fs.rmSync(file, { force: true });
    const sample = leaks
      .slice(0, 5)
      .map((leak) => `  ${leak.kind}: ${leak.line}`)
      .join("\n");
    // Vitest reports an error thrown from a global teardown but still exits with 0: set the exit code ourselves.
    process.exitCode = 1;
    throw new Error(`${leaks.length} log line(s) of this run leak personal data or credentials (all lines: ${file}):\n${sample}`);
  };
}
