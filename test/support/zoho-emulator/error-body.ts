/** An error as both APIs word it: for the whole call, or for one record of a write. */
export const errorBody = (code: string, message: string, details: object = {}) => ({ code, details, message, status: "error" });
