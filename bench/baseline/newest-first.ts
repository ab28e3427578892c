/** The gateway's list order: newest first by modified time, then id, both descending. */
export const NEWEST_FIRST = `ORDER BY "modifiedTime" DESC, "id" DESC`;
