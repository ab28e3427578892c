import pino, { type Logger } from "pino";
import type { Config } from "../config/config";

/** Structured JSON logs. Authorization headers and tokens are redacted wherever they appear. */
export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ["req.headers.authorization", "*.token", "token", "authorization"], censor: "[redacted]" },
  });
}
