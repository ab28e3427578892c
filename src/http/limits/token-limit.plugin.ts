import type { ApolloServerPlugin } from "@apollo/server";
import { markTokenLimit } from "./token-limit";

/**
 * The token limit over HTTP: Apollo parses with `parseOptions: { maxTokens }` and reports every parse error
 * as GRAPHQL_PARSE_FAILED; markTokenLimit (shared with the WebSocket path) gives the limit its own code.
 */
export function tokenLimitPlugin(maxTokens: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart() {
          return async (error) => {
            if (error) markTokenLimit(error, maxTokens);
          };
        },
      };
    },
  };
}
