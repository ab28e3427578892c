import { Router } from "express";
import type { Logger } from "pino";
import { MigrationExecutor } from "typeorm";
import type { Database } from "../db/database";

/** A readiness check that has not answered by then counts as failed (a hung pool must not hang the probe). */
export const READINESS_TIMEOUT_MS = 2_000;

type CheckStatus = "ok" | "failed" | "skipped";

interface CheckResult {
  status: CheckStatus;
  message?: string;
  /** Names of the migrations the database lacks. */
  pending?: string[];
}

export interface Readiness {
  status: "ok" | "unavailable";
  checks: { database: CheckResult; migrations: CheckResult; writes: CheckResult };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Writes: ok unless a storage fault was seen; then a tiny write is tried on every check until one commits, so
 * readiness comes back by itself once the disk has room again, even with no client writing.
 */
async function checkWrites(db: Database, logger: Logger, timeoutMs: number): Promise<CheckResult> {
  if (!db.writeHealth.failing) return { status: "ok" };
  try {
    if (await withTimeout(db.probeWrites(), timeoutMs, "the write probe")) return { status: "ok" };
  } catch (error) {
    logger.warn({ err: error }, "readiness: write probe failed");
  }
  return { status: "failed", message: "the database refuses writes" };
}

/**
 * Ready = the database answers a trivial query, every migration this build knows is applied, and writes reach
 * the disk. Read-only while writes work (unlike showMigrations, which creates the migrations table); the body
 * names what failed, never a driver message (those can carry host names), which goes to the log instead.
 */
export async function checkReadiness(db: Database, logger: Logger, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  const fail = (
    status: Readiness["checks"]["database"],
    migrations: CheckResult = { status: "skipped" },
    writes: CheckResult = { status: "skipped" },
  ): Readiness => ({
    status: "unavailable",
    checks: { database: status, migrations, writes },
  });
  if (!db.dataSource.isInitialized) return fail({ status: "failed", message: "database connection is closed" });
  try {
    await withTimeout(db.dataSource.query("SELECT 1"), timeoutMs, "the database");
  } catch (error) {
    logger.warn({ err: error }, "readiness: database check failed");
    return fail({ status: "failed", message: "database unreachable" });
  }
  const database: CheckResult = { status: "ok" };
  let pending: string[];
  try {
    pending = (await withTimeout(new MigrationExecutor(db.dataSource).getPendingMigrations(), timeoutMs, "the migrations check")).map((m) => m.name);
  } catch (error) {
    logger.warn({ err: error }, "readiness: migrations check failed");
    return fail(database, { status: "failed", message: "could not read the applied migrations" });
  }
  if (pending.length) {
    return fail(database, { status: "failed", message: `${pending.length} migration${pending.length === 1 ? "" : "s"} not applied`, pending });
  }
  const migrations: CheckResult = { status: "ok" };
  const writes = await checkWrites(db, logger, timeoutMs);
  if (writes.status !== "ok") return fail(database, migrations, writes);
  return { status: "ok", checks: { database, migrations, writes } };
}

/**
 * GET /healthz: liveness, the process serves HTTP (no dependency checked, so a database outage does not get the
 * process restarted). GET /readyz: readiness, 503 with the failed checks named. No auth, no personal data.
 */
export function createHealthRouter(db: Database, logger: Logger): Router {
  const router = Router();
  // Probes arriving while a check runs share its result: the endpoint is open, so it must not multiply queries.
  let running: Promise<Readiness> | null = null;
  let lastStatus: Readiness["status"] | null = null;

  router.get("/healthz", (_req, res) => {
    res.set("cache-control", "no-store").json({ status: "ok" });
  });

  router.get("/readyz", async (_req, res, next) => {
    try {
      running ??= checkReadiness(db, logger).finally(() => (running = null));
      const readiness = await running;
      if (readiness.status !== lastStatus) {
        // Logged on change only: probes come every few seconds.
        if (readiness.status === "ok") logger.info("readiness: ready");
        else logger.warn({ checks: readiness.checks }, "readiness: not ready");
        lastStatus = readiness.status;
      }
      res
        .status(readiness.status === "ok" ? 200 : 503)
        .set("cache-control", "no-store")
        .json(readiness);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
