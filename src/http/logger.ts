import pino, { type DestinationStream, type Logger } from "pino";
import type { Config } from "../config/config";
import { scrubLogLine } from "./log-scrubber";

/**
 * What must never reach a log line even if a caller logs a request, headers or an error object: credentials,
 * GraphQL variables (they carry personal field values), and the values of a failed SQL statement.
 */
const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "headers.authorization",
  "headers.cookie",
  "authorization",
  "cookie",
  "*.token",
  "token",
  "variables",
  "*.variables",
  "err.parameters",
  "err.detail",
  "err.driverError.parameters",
  "err.driverError.detail",
];

/**
 * Structured JSON logs (to stdout, or to `destination`, which tests use to read them). Every line goes through
 * the scrubber (log-scrubber.ts) on its way out: e-mail addresses, tokens and personal values never reach it.
 */
export function createLogger(config: Config, destination?: DestinationStream): Logger {
  const options = { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } };
  const target = destination ?? pino.destination({ dest: 1, sync: true });
  return pino(options, { write: (line: string) => target.write(scrubLogLine(line)) });
}
