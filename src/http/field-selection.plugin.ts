import type { ApolloServerPlugin } from "@apollo/server";
import { OperationTypeNode } from "graphql";
import { selectedFields } from "../loaders/field-selection";
import type { Context } from "./context";

/** A query's loaders read only the columns it selects (src/loaders/field-selection.ts). */
export const fieldSelectionPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, schema, document, operation }) {
        if (operation?.operation === OperationTypeNode.QUERY) contextValue.loaders.readOnlyFor(selectedFields(schema, document, operation));
      },
    };
  },
};
