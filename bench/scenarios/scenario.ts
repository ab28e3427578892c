import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../options";

export type Variables = Record<string, unknown>;

/** A server a scenario is measured on: the gateway, the hand-written baseline, or the gateway with DataLoader off. */
export type ServerName = "gateway" | "baseline" | "unbatched";

/** One measured row of a scenario: a server, and what to do before loading it. */
export interface Target {
  label: string;
  server: ServerName;
  /** e.g. switching direct sync off before the load. */
  before?: (call: (operationName: string, file: string, variables: Variables) => Promise<unknown>) => Promise<void>;
  /** Throws when a response is not what this target should answer (beyond the scenario's own check). */
  check?: (response: unknown) => void;
}

/**
 * One benchmarked request: a GraphQL operation from schema/operations, sent as the frontend sends it.
 * Reads name their distinct requests (`variants`): before any load, each one's response from the gateway must be
 * the same data as the baseline's (the baseline serves it by operation name, see baseline/operations.ts), and
 * the load cycles through them. Edits make every request new (`next`) and are checked one by one.
 */
export interface Scenario {
  /** "a nested", "b deal page", … */
  name: string;
  description: string;
  operationName: string;
  query: string;
  variants: Variables[];
  next?: () => Variables;
  /** Throws if a response is not the data the scenario expects (errors, wrong size); returns a short summary. */
  check(response: unknown): Record<string, number>;
  targets: Target[];
  /** Overrides the run's connections (an edit's latency is measured one request at a time). */
  connections?: number;
}

export function operationText(file: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, "schema", "operations", file), "utf8");
}

export function requestBody(operationName: string, query: string, variables: Variables): string {
  return JSON.stringify({ operationName, query, variables });
}

/** The data of a GraphQL response, or an error naming the operation and its first errors. */
export function dataOf<T>(operationName: string, response: unknown): T {
  const { data, errors } = response as { data?: T; errors?: unknown[] };
  if (errors?.length || !data) throw new Error(`${operationName} returned errors: ${JSON.stringify(errors).slice(0, 500)}`);
  return data;
}

export const READ_TARGETS: Target[] = [
  { label: "gateway", server: "gateway" },
  { label: "baseline", server: "baseline" },
];
