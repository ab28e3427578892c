import { AppError } from "./app-error";
import { ErrorCode } from "./error-code";

/**
 * A write transaction the database could not complete (disk full, I/O error, read-only or corrupt file, lost
 * connection). The transaction was rolled back whole, so the client may retry the same request later.
 */
export class StorageUnavailableError extends AppError {
  constructor() {
    super(ErrorCode.StorageUnavailable, "Writes are unavailable: the database could not store the change, and nothing was saved. Retry later");
  }
}
