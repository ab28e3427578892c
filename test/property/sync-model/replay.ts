import fc from "fast-check";
import { describeCommand, type Command } from "./commands";
import { must } from "../../support/must";

/**
 * Runs a property and, when it fails, throws a report a person can replay: fast-check's seed and path (for
 * SYNC_MODEL_REPLAY="<seed>:<path>"), the shrunk history as a readable listing, and the same history as a
 * command array to paste into test/property/sync-model-regressions.test.ts.
 */
export async function assertHistories(
  name: string,
  arbitrary: fc.Arbitrary<Command[]>,
  property: (commands: Command[]) => Promise<void>,
  runs: number,
): Promise<void> {
  const replay = process.env.SYNC_MODEL_REPLAY?.match(/^(-?\d+):(.*)$/);
  const check = (parameters: fc.Parameters<[Command[]]>) => fc.check(fc.asyncProperty(arbitrary, property), parameters);
  let result = replay ? await check({ seed: Number(replay[1]), path: replay[2], endOnFailure: true }) : await check({ numRuns: runs, endOnFailure: true });
  if (!replay) console.info(`${name}: ${result.numRuns} histories${result.failed ? ", the last one failed" : ""}`);
  if (!result.failed) return;
  if (!replay && process.env.SYNC_MODEL_SHRINK !== "0") {
    // Shrinking replays whole histories: bounded in time, it keeps the smallest failing history found so far.
    const shrunk = await check({
      seed: result.seed,
      path: must(result.counterexamplePath, "the failing history's path"),
      interruptAfterTimeLimit: Number(process.env.SYNC_MODEL_TIME_LIMIT_MS || 600_000),
    });
    if (shrunk.failed) result = shrunk;
  }
  const commands = result.counterexample?.[0] ?? [];
  const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
  throw new Error(
    [
      `${name}: failed after ${result.numRuns} run(s), shrunk ${result.numShrinks} time(s).`,
      `Replay: SYNC_MODEL_REPLAY="${result.seed}:${result.counterexamplePath}" npx vitest run test/property/sync-model.test.ts`,
      "History:",
      ...commands.map((c, i) => `  ${String(i + 1).padStart(2)}. ${describeCommand(c)}`),
      "As a regression case:",
      `  ${JSON.stringify(commands)}`,
      "Failure:",
      error,
    ].join("\n"),
  );
}
