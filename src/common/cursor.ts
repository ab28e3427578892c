import { BadUserInputError } from "../errors/app-error";

/** A position in a list ordered by (a time, id); opaque to clients. */
export interface CursorPosition {
  time: Date;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.time.getTime(), position.id])).toString("base64url");
}

export function decodeCursor(cursor: string, field = "after"): CursorPosition {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof time === "number" && Number.isFinite(time) && typeof id === "string") {
      return { time: new Date(time), id };
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError(field, `${field}: "${cursor}" is not a cursor returned by this API`);
}
