import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context";
import { withoutSuggestion } from "./hide-suggestions";

/**
 * Strips graphql-js's "Did you mean …?" hints, which spell out field, argument, type and enum names: for every
 * caller when suggestions are off (GRAPHQL_SUGGESTIONS), and always for anonymous callers, who may send
 * introspection documents only and must not map the schema from their typos.
 * Apollo's own switch (hideSchemaDetailsFromClientErrors) covers validation errors only; this also covers
 * variable coercion (e.g. a misspelt enum value in `variables`). Runs before the formatter reads the message.
 * Over HTTP; the WebSocket path applies withoutSuggestion itself.
 */
export function hideSuggestionsPlugin(suggestions: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      if (suggestions && contextValue.viewer) return;
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = withoutSuggestion(error.message);
        },
      };
    },
  };
}
