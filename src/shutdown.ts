import type { EventEmitter } from "node:events";
import type { Logger } from "pino";

export const SHUTDOWN_SIGNALS = ["SIGTERM", "SIGINT"] as const;

/**
 * How long in-flight HTTP requests may take once shutdown starts, before their connections are cut: most of
 * the hard timeout, leaving the rest for the sync step in progress and closing the database.
 */
export function httpDrainGraceMs(shutdownTimeoutMs: number): number {
  return Math.floor(shutdownTimeoutMs * 0.8);
}

export interface ShutdownOptions {
  logger: Logger;
  /** After this, the process exits with 1 whatever is still running. */
  timeoutMs: number;
  /** Where the signals arrive (the process; tests pass an emitter). */
  signals?: EventEmitter;
  exit?: (code: number) => void;
}

/**
 * Graceful shutdown on SIGTERM or SIGINT: `stop` stops accepting connections, drains in-flight requests and
 * sync work and closes the database; the process then exits with 0 (1 if stopping failed). A second signal, or
 * the hard timeout, exits at once with 1.
 */
export function handleShutdownSignals(
  stop: () => Promise<void>,
  { logger, timeoutMs, signals = process, exit = (code) => process.exit(code) }: ShutdownOptions,
): void {
  let stopping = false;
  let exited = false;
  const finish = (code: number) => {
    if (exited) return;
    exited = true;
    exit(code);
  };
  const onSignal = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting without waiting for the shutdown to finish");
      finish(1);
      return;
    }
    stopping = true;
    logger.info({ signal, timeoutMs }, "shutting down: draining requests and sync work");
    const started = Date.now();
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, "shutdown timed out: exiting with work still running");
      finish(1);
    }, timeoutMs);
    stop().then(
      () => {
        clearTimeout(timer);
        logger.info({ ms: Date.now() - started }, "shut down cleanly");
        finish(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ err: error }, "shutdown failed");
        finish(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) signals.on(signal, () => onSignal(signal));
}
