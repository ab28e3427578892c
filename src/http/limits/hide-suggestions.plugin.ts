import type { ApolloServerPlugin } from "@apollo/server";

const SUGGESTION = /\s*Did you mean [\s\S]*\?$/;

/**
 * Strips graphql-js's "Did you mean …?" hints, which spell out field, argument, type and enum names to anyone.
 * Apollo's own switch (hideSchemaDetailsFromClientErrors) covers validation errors only; this also covers
 * variable coercion (e.g. a misspelt enum value in `variables`). Runs before the formatter reads the message.
 */
export const hideSuggestionsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) error.message = error.message.replace(SUGGESTION, "");
      },
    };
  },
};
