import { BadUserInputError } from "../errors/app-error";

/** A position in a list ordered by (a time, id); opaque to clients. */
export interface CursorPosition {
  time: Date;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.time.getTime(), position.id])).toString("base64url");
}

/** Years 1 to 9999: every timestamp both databases store; a time outside them was never a record's. */
const MIN_TIME = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Record ids as the stores issue them (UUIDs, vendor numbers). */
const CURSOR_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_CURSOR_LENGTH = 200;

export function decodeCursor(cursor: string, field = "after"): CursorPosition {
  try {
    const [time, id] = cursor.length <= MAX_CURSOR_LENGTH ? (JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[]) : [];
    if (Number.isSafeInteger(time) && (time as number) >= MIN_TIME && (time as number) <= MAX_TIME && typeof id === "string" && CURSOR_ID.test(id)) {
      return { time: new Date(time as number), id };
    }
  } catch {
    // fall through to the error below
  }
  // The cursor is not echoed: it may be long or hold anything.
  throw new BadUserInputError(field, `${field}: not a cursor returned by this API`);
}
