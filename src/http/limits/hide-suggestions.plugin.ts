import type { ApolloServerPlugin } from "@apollo/server";
import { withoutSuggestion } from "./hide-suggestions";

/**
 * Strips graphql-js's "Did you mean …?" hints over HTTP (the WebSocket path applies withoutSuggestion itself).
 * Apollo's own switch (hideSchemaDetailsFromClientErrors) covers validation errors only; this also covers
 * variable coercion (e.g. a misspelt enum value in `variables`). Runs before the formatter reads the message.
 */
export const hideSuggestionsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) error.message = withoutSuggestion(error.message);
      },
    };
  },
};
