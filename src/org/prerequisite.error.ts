import { AppError } from "../errors/app-error";
import type { ErrorCode } from "../errors/error-code";

/** A prerequisite of installing or integrating is not met; the message says what the admin must do. */
export class PrerequisiteError extends AppError {
  constructor(code: ErrorCode, message: string, field?: string) {
    super(code, message, field);
  }
}
