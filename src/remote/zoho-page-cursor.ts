import { BadUserInputError } from "../errors/app-error";

/**
 * Where a walk through the vendor's pages stands: the page to read next (by number, or by the vendor's page
 * token past its 2,000-record limit for page numbers), how many of its rows are already taken, and the page size
 * the walk started with (page numbers and tokens only mean something at one size). Opaque to clients.
 */
export interface PagePosition {
  page: number;
  token: string | null;
  skip: number;
  perPage: number;
}

export function encodePagePosition(position: PagePosition): string {
  return Buffer.from(JSON.stringify(["z", position.page, position.token, position.skip, position.perPage])).toString("base64url");
}

export function decodePagePosition(cursor: string, field = "after"): PagePosition {
  try {
    const [tag, page, token, skip, perPage] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (tag === "z" && Number.isInteger(page) && (token === null || typeof token === "string") && Number.isInteger(skip) && Number.isInteger(perPage)) {
      return { page: page as number, token, skip: skip as number, perPage: perPage as number };
    }
  } catch {
    // fall through to the error below
  }
  // The cursor is not echoed: it may be long or hold anything.
  throw new BadUserInputError(field, `${field}: not a cursor returned by this API`);
}
