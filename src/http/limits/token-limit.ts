import { GraphQLError, parse, type DocumentNode } from "graphql";
import { TooManyTokensError } from "../../errors/limit-errors";

/** graphql-js 16's wording ("more that N tokens", sic) of the parser's maxTokens abort. */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] \d+ tokens/;

/**
 * Gives the parser's token-limit abort its own code: hanging our AppError under the parser's error (its
 * originalError) lets the formatter, which looks down that chain, answer TOO_MANY_TOKENS instead of
 * GRAPHQL_PARSE_FAILED. Other parse errors are left as they are.
 */
export function markTokenLimit<E extends Error>(error: E, maxTokens: number): E {
  if (TOKEN_LIMIT_MESSAGE.test(error.message)) (error as { originalError?: Error }).originalError = new TooManyTokensError(maxTokens);
  return error;
}

/** graphql's `parse(…, { maxTokens })`, which stops lexing at the limit: a huge document costs no more than that. */
export function parseWithTokenLimit(source: string, maxTokens: number): DocumentNode | GraphQLError {
  try {
    return parse(source, { maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError) return markTokenLimit(error, maxTokens);
    // Nesting within the token limit can still outrun the stack of a deep caller (the WebSocket's message handling).
    if (error instanceof RangeError) return new GraphQLError("Syntax Error: the document nests too deeply to parse");
    throw error;
  }
}
