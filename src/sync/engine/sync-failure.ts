import { AppError } from "../../errors/app-error";
import { ErrorCode } from "../../errors/error-code";
import type { SyncReason } from "../sync-reason";

/** A sync that cannot succeed as things stand (a rule of ours, not of either system); retried on the next edit. */
export class SyncFailure extends AppError {
  constructor(
    readonly reason: SyncReason,
    message: string,
  ) {
    super(ErrorCode.Conflict, message, undefined, { reason });
  }
}
