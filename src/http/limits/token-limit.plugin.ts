import type { ApolloServerPlugin } from "@apollo/server";
import { TooManyTokensError } from "../../errors/limit-errors";

/** graphql-js 16's wording ("more that N tokens", sic) of the parser's maxTokens abort. */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] \d+ tokens/;

/**
 * Gives the parser's token-limit abort its own code. The limit itself is graphql's `parse(…, { maxTokens })`
 * (Apollo's `parseOptions`), which stops lexing at the limit, so a huge document costs no more than the limit.
 * Apollo reports every parse error as GRAPHQL_PARSE_FAILED; hanging our AppError under the parser's error
 * (its originalError) lets the formatter, which looks down that chain, answer TOO_MANY_TOKENS instead.
 */
export function tokenLimitPlugin(maxTokens: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart() {
          return async (error) => {
            if (!error || !TOKEN_LIMIT_MESSAGE.test(error.message)) return;
            (error as { originalError?: Error }).originalError = new TooManyTokensError(maxTokens);
          };
        },
      };
    },
  };
}
