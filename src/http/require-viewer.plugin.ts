import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type SelectionSetNode } from "graphql";
import { UnauthenticatedError } from "../errors/app-error";
import { toGraphQLError } from "../errors/to-graphql-error";
import type { Context } from "./context";

function onlyIntrospection(selectionSet: SelectionSetNode): boolean {
  return selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith("__"));
}

/**
 * Deny by default: an operation without a valid bearer token is refused before execution, whatever its fields
 * declare (introspection aside, so the playground can load the schema). Permissions beyond "signed in" are
 * declared on resolvers and checked by the auth checker.
 */
export const requireViewerPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation }) {
        if (contextValue.viewer || (operation && onlyIntrospection(operation.selectionSet))) return;
        throw toGraphQLError(new UnauthenticatedError());
      },
    };
  },
};
