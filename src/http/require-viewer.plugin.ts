import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type DocumentNode, type SelectionSetNode } from "graphql";
import { UnauthenticatedError } from "../errors/app-error";
import { toGraphQLError } from "../errors/to-graphql-error";
import type { Context } from "./context";

function onlyIntrospection(selectionSet: SelectionSetNode): boolean {
  return selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith("__"));
}

/**
 * Every operation of the document asks for introspection fields only, and every fragment is on an introspection
 * type (`__Type`, `__Field`…, as in the introspection query GraphiQL sends): validation then keeps anything else
 * out of it. A fragment on any other type could hide anything, and is refused.
 */
function introspectionDocument(document: DocumentNode): boolean {
  return document.definitions.every((d) =>
    d.kind === Kind.OPERATION_DEFINITION
      ? onlyIntrospection(d.selectionSet)
      : d.kind === Kind.FRAGMENT_DEFINITION && d.typeCondition.name.value.startsWith("__"),
  );
}

/**
 * Deny by default: an operation without a valid bearer token is refused whatever its fields declare, with 401
 * UNAUTHENTICATED. Introspection-only documents are the exception while introspection is on, so the playground
 * can load the schema before a token is set. Permissions beyond "signed in" are declared on resolvers and
 * checked by the auth checker.
 *
 * The refusal replaces the validation errors: an anonymous caller must not learn which fields, arguments or
 * enum values exist from "Cannot query field…" answers. Apollo gives a plugin no way to stop validation from
 * starting, but it hands `validationDidEnd` the very array it then answers with, so the 401 takes its place.
 * Documents Apollo already validated for someone skip validation; didResolveOperation refuses those.
 */
export function requireViewerPlugin(introspection: boolean): ApolloServerPlugin<Context> {
  const allowedAnonymously = (document: DocumentNode | undefined) => introspection && !!document && introspectionDocument(document);
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.viewer) return;
      return {
        async validationDidStart({ document }) {
          if (allowedAnonymously(document)) return;
          return async (errors?: readonly Error[]) => {
            if (errors?.length) (errors as Error[]).splice(0, errors.length, toGraphQLError(new UnauthenticatedError()));
          };
        },
        async didResolveOperation({ document, operation }) {
          if (operation && allowedAnonymously(document)) return;
          throw toGraphQLError(new UnauthenticatedError());
        },
      };
    },
  };
}
