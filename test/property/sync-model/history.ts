import type { TestGateway } from "../../support/test-gateway";
import type { Command } from "./commands";
import { checkDeletion, checkInvariants } from "./invariants";
import { ModelRunner } from "./runner";

/** One history: a fresh start (default settings, two linked pairs), the commands, a final drain, the invariants. */
export async function runHistory(t: TestGateway, commands: Command[]): Promise<void> {
  const runner = new ModelRunner(t);
  const counterpartsDeleted = new Set<string>();
  runner.onProcessed = (entry) => checkDeletion(runner.model, entry, counterpartsDeleted);
  await runner.setUp();
  for (const [index, command] of commands.entries()) await runner.apply(command, index);
  await runner.finish();
  await checkInvariants(t, runner, counterpartsDeleted);
}
