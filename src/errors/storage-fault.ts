import { StorageUnavailableError } from "./storage-unavailable.error";

/** SQLite result codes (and their extended forms, e.g. SQLITE_IOERR_WRITE) that mean the file cannot take writes. */
const SQLITE_FAULT = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CORRUPT|NOTADB|CANTOPEN|PROTOCOL|NOMEM)/;
/**
 * PostgreSQL SQLSTATEs: 08 connection exceptions, 53 insufficient resources (disk full), 57P01-57P03 the
 * backend terminated or the server shutting down, 58 system (I/O) errors, XX001/XX002 corruption, 25006 a
 * read-only server (a standby after failover).
 */
const POSTGRES_FAULT = /^(08|53|57P0[123]|58|XX00[12]|25006)/;
const NETWORK_FAULT = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);
/** Drivers that say it in words only: node-postgres on a closed socket, better-sqlite3 on a closed handle. */
const FAULT_MESSAGE = /Connection terminated|terminating connection|Client has encountered a connection error|connection is not open|Connection ended/i;

/** The transaction SQLite itself rolled back (after SQLITE_FULL and the like) while the gateway still wrote in it. */
export class TransactionLostError extends Error {
  constructor(when: string) {
    super(`The database no longer had the transaction open ${when}`);
  }
}

function isFault(error: object): boolean {
  if (error instanceof StorageUnavailableError || error instanceof TransactionLostError) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (SQLITE_FAULT.test(code) || POSTGRES_FAULT.test(code) || NETWORK_FAULT.has(code))) return true;
  return FAULT_MESSAGE.test(String((error as { message?: unknown }).message ?? ""));
}

/** Whether an error, or what it wraps (TypeORM's driverError, a cause), is the database failing rather than the request. */
export function isStorageFault(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth += 1) {
    if (isFault(current)) return true;
    const inner = current as { driverError?: unknown; cause?: unknown; originalError?: unknown };
    current = inner.driverError ?? inner.cause ?? inner.originalError;
  }
  return false;
}
